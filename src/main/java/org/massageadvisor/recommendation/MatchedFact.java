package org.massageadvisor.recommendation;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import com.fasterxml.jackson.databind.util.NameTransformer;
import java.io.IOException;

/**
 * A fact a firing matched, in an explanation. No fact changes while an evaluation runs (clients and
 * conclusions are records, derived facts are only inserted and retracted, and the rule allowlist
 * refuses a consequence that modifies a fact), so the fact itself is its own snapshot: nothing is
 * copied while the rules run. It is written as JSON with its type first,
 * {@code {"@type":"Client","id":...}}.
 */
@JsonSerialize(using = MatchedFact.Writer.class)
public record MatchedFact(Object fact) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Equal when an explanation shows them alike: the same type name and the same properties. A type
     * declared in DRL is a class of each compiled rule base, so the same fact from two rule bases (a
     * cached and a compiled one, the rules before and after an edit) is of two classes, and its own
     * {@code equals} would tell them apart.
     */
    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        return o instanceof MatchedFact other
                && fact.getClass().getName().equals(other.fact.getClass().getName())
                && JSON.valueToTree(fact).equals(JSON.valueToTree(other.fact));
    }

    @Override
    public int hashCode() {
        return fact.getClass().getName().hashCode();
    }

    /** The fact's own properties, after {@code @type}, as Jackson would write the fact itself. */
    static final class Writer extends StdSerializer<MatchedFact> {

        Writer() {
            super(MatchedFact.class);
        }

        @Override
        public void serialize(MatchedFact value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            Object fact = value.fact();
            gen.writeStartObject();
            gen.writeStringField("@type", fact.getClass().getSimpleName());
            JsonSerializer<Object> properties = provider.findValueSerializer(fact.getClass()).unwrappingSerializer(NameTransformer.NOP);
            properties.serialize(fact, gen, provider);
            gen.writeEndObject();
        }
    }
}
