package org.massageadvisor.client;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A parsed JSON or YAML value that remembers where it stood, so that every error about it can name
 * {@code file:line:col}. Jackson's own tree forgets positions; this keeps them.
 */
public sealed interface Node permits Node.Obj, Node.Arr, Node.Scalar {

    /** Deeper nesting than this is refused: no input we read nests more than a few levels. */
    int MAX_DEPTH = 64;

    Position at();

    /** An object; keys keep their order and their own positions. */
    record Obj(Map<String, Node> fields, Map<String, Position> keys, Position at) implements Node {
        public Obj {
            fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
            keys = Collections.unmodifiableMap(new LinkedHashMap<>(keys));
        }
    }

    record Arr(List<Node> items, Position at) implements Node {
        public Arr {
            items = List.copyOf(items);
        }
    }

    /** A text, number, boolean or null. */
    record Scalar(JsonNode value, Position at) implements Node {
        public boolean isNull() {
            return value == null || value.isNull();
        }
    }

    /** What a value is called in messages: "a text", "a list", ... */
    static String kind(Node node) {
        if (node instanceof Obj) {
            return "a mapping";
        }
        if (node instanceof Arr) {
            return "a list";
        }
        JsonNode v = ((Scalar) node).value();
        if (v == null || v.isNull()) {
            return "nothing (null)";
        }
        if (v.isBoolean()) {
            return "a boolean (" + v.asText() + ")";
        }
        if (v.isNumber()) {
            return "a number (" + v.asText() + ")";
        }
        return "a text (" + v.asText() + ")";
    }

    /** The node as a mapping whose keys are all allowed; otherwise an error naming the key and the allowed ones. */
    static Obj mapping(Node node, String what, List<String> allowed) {
        if (!(node instanceof Obj obj)) {
            throw new InputException(node.at(), what + " must be a mapping, not " + kind(node));
        }
        obj.keys().forEach((key, at) -> {
            if (!allowed.contains(key)) {
                throw new InputException(at, "unknown key (" + key + ") in " + what + Suggestions.hint(key, allowed)
                        + " Allowed: " + String.join(", ", allowed));
            }
        });
        return obj;
    }

    /** The node's text; otherwise an error naming the field and what it got. */
    static String text(Node node, String field) {
        if (node instanceof Scalar s && s.value() != null && s.value().isTextual()) {
            return s.value().asText();
        }
        throw InputException.forField(node.at(), field, "expected a text, got " + kind(node));
    }

    /** Reads one document; a syntax error becomes an {@link InputException} at its place. */
    static Node read(ObjectMapper mapper, java.io.Reader reader, String file) {
        try (JsonParser parser = mapper.getFactory().createParser(reader)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw new InputException(Position.of(file), "the file is empty");
            }
            Node node = readValue(parser, mapper, file, 0);
            // A second JSON value or YAML document would otherwise be dropped without a word.
            if (parser.nextToken() != null) {
                throw new InputException(position(parser, file), "more after the first " + formatName(file)
                        + " value; a file holds one document");
            }
            return node;
        } catch (JsonProcessingException e) {
            if (isEncodingProblem(e)) {
                throw new InputException(Position.of(file), "not UTF-8 text (is it a binary file?)");
            }
            JsonLocation loc = e.getLocation();
            Position at = loc == null ? Position.of(file) : new Position(file, loc.getLineNr(), loc.getColumnNr());
            throw new InputException(at, "not valid " + formatName(file) + ": " + firstLine(e.getOriginalMessage()));
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new InputException(Position.of(file), "not UTF-8 text (is it a binary file?)");
        } catch (IOException e) {
            throw new InputException(Position.of(file), "cannot read: " + e.getMessage());
        }
    }

    /** The YAML parser wraps the reader's decoding error in its own exception. */
    private static boolean isEncodingProblem(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.nio.charset.CharacterCodingException) {
                return true;
            }
        }
        return false;
    }

    private static Node readValue(JsonParser parser, ObjectMapper mapper, String file, int depth) throws IOException {
        Position at = position(parser, file);
        JsonToken token = parser.currentToken();
        if (depth > MAX_DEPTH) {
            throw new InputException(at, "nested more than " + MAX_DEPTH + " levels deep");
        }
        if (parser instanceof com.fasterxml.jackson.dataformat.yaml.YAMLParser yaml && yaml.isCurrentAlias()) {
            throw new InputException(at, "a YAML alias (*" + parser.getText() + "); write the value out instead");
        }
        if (token == JsonToken.START_OBJECT) {
            Map<String, Node> fields = new LinkedHashMap<>();
            Map<String, Position> keys = new LinkedHashMap<>();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                Position keyAt = position(parser, file);
                if (fields.containsKey(name)) {
                    throw new InputException(keyAt, "key '" + name + "' is given twice");
                }
                parser.nextToken();
                keys.put(name, keyAt);
                fields.put(name, readValue(parser, mapper, file, depth + 1));
            }
            return new Obj(fields, keys, at);
        }
        if (token == JsonToken.START_ARRAY) {
            List<Node> items = new ArrayList<>();
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                items.add(readValue(parser, mapper, file, depth + 1));
            }
            return new Arr(items, at);
        }
        JsonNode value = mapper.readTree(parser);
        return new Scalar(value, at);
    }

    private static Position position(JsonParser parser, String file) {
        JsonLocation loc = parser.currentTokenLocation();
        return new Position(file, loc.getLineNr(), loc.getColumnNr());
    }

    private static String formatName(String file) {
        String lower = file.toLowerCase(java.util.Locale.ROOT);
        return lower.endsWith(".json") || lower.endsWith(".jsonl") ? "JSON" : "YAML";
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "syntax error";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
