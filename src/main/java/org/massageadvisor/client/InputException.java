package org.massageadvisor.client;

/**
 * Bad input: a malformed file, a missing field, an unknown term. The message is one line that names
 * the place ({@code file:line:col}) and the field, ready to show to the user as it is.
 */
public class InputException extends RuntimeException {

    private final Position position;

    public InputException(Position position, String message) {
        super(position + ": " + message);
        this.position = position;
    }

    public static InputException forField(Position position, String field, String message) {
        return new InputException(position, "field '" + field + "': " + message);
    }

    public Position position() {
        return position;
    }
}
