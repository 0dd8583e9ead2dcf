package org.massageadvisor.client;

/** Where a value came from: a file and, when known, a 1-based line and column. */
public record Position(String file, int line, int column) {

    public static Position of(String file) {
        return new Position(file, 0, 0);
    }

    /** {@code file:line:col}, or less where the line or column is not known. */
    @Override
    public String toString() {
        if (line <= 0) {
            return file;
        }
        return column <= 0 ? file + ":" + line : file + ":" + line + ":" + column;
    }
}
