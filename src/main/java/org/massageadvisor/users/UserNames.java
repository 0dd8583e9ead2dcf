package org.massageadvisor.users;

/** What a user name may be: 1-64 characters, letters, digits and {@code . _ -}, starting with a letter or digit. */
public final class UserNames {

    public static final int MAX = 64;

    private UserNames() {
    }

    /** @throws IllegalArgumentException saying what is wrong with the name */
    public static String check(String name) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("a user name is needed");
        }
        if (name.length() > MAX) {
            throw new IllegalArgumentException("a user name is at most " + MAX + " characters, not " + name.length());
        }
        if (!Character.isLetterOrDigit(name.codePointAt(0))) {
            throw new IllegalArgumentException("a user name starts with a letter or digit");
        }
        for (int i = 0; i < name.length(); ) {
            int c = name.codePointAt(i);
            if (!(Character.isLetterOrDigit(c) || c == '.' || c == '_' || c == '-')) {
                throw new IllegalArgumentException("a user name holds letters, digits, '.', '_' and '-' only (not U+"
                        + String.format("%04X", c) + ")");
            }
            i += Character.charCount(c);
        }
        return name;
    }
}
