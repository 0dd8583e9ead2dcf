package org.massageadvisor.recommendation;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;

/**
 * A warning as it is reported: its code, subject (if any), message, the rule that raised it and how
 * urgent it is for that subject ({@code info}, {@code warning}, {@code critical}, from the vocabulary).
 * In JSON: {@code code}, {@code subject} (left out when there is none), {@code indicator}, {@code message},
 * {@code rule}, in that order.
 */
@JsonSerialize(using = IssuedWarning.Writer.class)
public record IssuedWarning(String code, String subject, String message, String rule, String indicator) {

    /** A warning whose indicator is looked up later (or not at all). */
    public IssuedWarning(String code, String subject, String message, String rule) {
        this(code, subject, message, rule, null);
    }

    /** Writes the fields in contract order, their texts encoded once (see {@link EncodedText}). */
    static final class Writer extends StdSerializer<IssuedWarning> {
        private static final SerializedString CODE = new SerializedString("code");
        private static final SerializedString SUBJECT = new SerializedString("subject");
        private static final SerializedString INDICATOR = new SerializedString("indicator");
        private static final SerializedString MESSAGE = new SerializedString("message");
        private static final SerializedString RULE = new SerializedString("rule");

        Writer() {
            super(IssuedWarning.class);
        }

        @Override
        public void serialize(IssuedWarning w, JsonGenerator g, SerializerProvider provider) throws IOException {
            g.writeStartObject(w);
            EncodedText.SHARED.field(g, CODE, w.code());
            if (w.subject() != null) {
                EncodedText.SHARED.field(g, SUBJECT, w.subject());
            }
            EncodedText.SHARED.field(g, INDICATOR, w.indicator());
            EncodedText.SHARED.field(g, MESSAGE, w.message());
            EncodedText.SHARED.field(g, RULE, w.rule());
            g.writeEndObject();
        }
    }
}
