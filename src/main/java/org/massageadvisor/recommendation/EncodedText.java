package org.massageadvisor.recommendation;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import java.io.IOException;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The texts every answer repeats (warning and tip codes, their messages, the names of the rules that
 * gave them, indicators), each escaped and encoded to UTF-8 once and copied from then on. They come
 * from the rules and the vocabulary, so a service or a batch writes the same few hundred strings
 * millions of times; Jackson would otherwise check and encode each one character by character on
 * every answer. Bounded: past its limit of distinct texts (a rule that builds its message from the
 * client's data, say, or many reloads of edited rules), the rest are written as they come, at
 * Jackson's usual cost.
 */
final class EncodedText {

    /** The one every answer is written with. */
    static final EncodedText SHARED = new EncodedText(4_096);

    private static final SerializedString AS_IT_COMES = new SerializedString("");

    private final int limit;
    private final ConcurrentHashMap<String, SerializedString> encoded = new ConcurrentHashMap<>();

    EncodedText(int limit) {
        this.limit = limit;
    }

    /** Writes {@code name: text} ({@code null} when text is null), the same bytes as {@code writeStringField}. */
    void field(JsonGenerator g, SerializedString name, String text) throws IOException {
        g.writeFieldName(name);
        if (text == null) {
            g.writeNull();
            return;
        }
        SerializedString done = encoded.get(text);
        if (done == null) {
            if (encoded.size() >= limit) {
                g.writeString(text);
                return;
            }
            done = encoded.computeIfAbsent(text, EncodedText::encode);
        }
        if (done == AS_IT_COMES) {
            g.writeString(text);
        } else {
            g.writeString(done);
        }
    }

    /**
     * Jackson's UTF-8 output escapes a character outside the Basic Multilingual Plane (an emoji, say) as two
     * {@code \\u} escapes, where its pre-encoded form would hold the raw four bytes; such a text is marked
     * to be written as it comes, so the bytes stay the same either way.
     */
    private static SerializedString encode(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (Character.isSurrogate(text.charAt(i))) {
                return AS_IT_COMES;
            }
        }
        return new SerializedString(text);
    }

    /** How many texts are kept encoded. */
    int size() {
        return encoded.size();
    }
}
