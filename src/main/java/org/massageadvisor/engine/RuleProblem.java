package org.massageadvisor.engine;

/** A compile error (or warning) in a rule file, in {@code file:line:col: message} form. */
public record RuleProblem(String file, int line, int column, String message) {

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder(file);
        if (line > 0) {
            b.append(':').append(line);
            if (column > 0) {
                b.append(':').append(column);
            }
        }
        return b.append(": ").append(message).toString();
    }
}
