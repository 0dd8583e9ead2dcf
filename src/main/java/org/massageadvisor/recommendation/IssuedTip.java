package org.massageadvisor.recommendation;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;

/** A self-care tip as it is reported, with the rule that gave it. In JSON: {@code code}, {@code message}, {@code rule}. */
@JsonSerialize(using = IssuedTip.Writer.class)
public record IssuedTip(String code, String message, String rule) {

    /** Writes the fields in contract order, their texts encoded once (see {@link EncodedText}). */
    static final class Writer extends StdSerializer<IssuedTip> {
        private static final SerializedString CODE = new SerializedString("code");
        private static final SerializedString MESSAGE = new SerializedString("message");
        private static final SerializedString RULE = new SerializedString("rule");

        Writer() {
            super(IssuedTip.class);
        }

        @Override
        public void serialize(IssuedTip t, JsonGenerator g, SerializerProvider provider) throws IOException {
            g.writeStartObject(t);
            EncodedText.SHARED.field(g, CODE, t.code());
            EncodedText.SHARED.field(g, MESSAGE, t.message());
            EncodedText.SHARED.field(g, RULE, t.rule());
            g.writeEndObject();
        }
    }
}
