package org.massageadvisor.recommendation;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.ser.std.StdScalarSerializer;
import java.io.IOException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/**
 * A {@link LocalDate} as its ISO text ({@code 2026-11-30}) in JSON, without pulling in Jackson's
 * whole java.time module for the two dates the contract has.
 */
public final class IsoDate {

    private IsoDate() {
    }

    /** Writes {@code 2026-11-30}. */
    public static final class Writer extends StdScalarSerializer<LocalDate> {
        public Writer() {
            super(LocalDate.class);
        }

        @Override
        public void serialize(LocalDate value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            gen.writeString(value.toString());
        }
    }

    /** Reads {@code 2026-11-30}. */
    public static final class Reader extends StdScalarDeserializer<LocalDate> {
        public Reader() {
            super(LocalDate.class);
        }

        @Override
        public LocalDate deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            String text = p.getValueAsString();
            try {
                return text == null ? null : LocalDate.parse(text.trim());
            } catch (DateTimeParseException e) {
                return (LocalDate) ctxt.handleWeirdStringValue(LocalDate.class, text, "not an ISO date (YYYY-MM-DD)");
            }
        }
    }
}
