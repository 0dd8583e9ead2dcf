package org.massageadvisor.audit;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.regex.Pattern;
import org.massageadvisor.client.InputException;
import org.massageadvisor.client.Position;

/**
 * A PostgreSQL decision log's name: {@code postgresql://USER@HOST:PORT/DATABASE}, optionally
 * {@code ?schema=NAME} to keep several logs in one database. A password is refused here: a URL shows
 * in {@code ps}, in shell history and in every message that names the log. It comes from
 * {@code PGPASSWORD} or {@code ~/.pgpass} (or the server trusts loopback connections).
 */
public record PostgresUrl(String user, String host, int port, String database, String schema) {

    public static final String PREFIX = "postgresql://";
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}");

    /** Parses a URL that starts with {@link #PREFIX}; bad input names the part that is wrong. */
    public static PostgresUrl parse(String text) {
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw bad(text, "not a URL (" + e.getReason() + "); expected " + PREFIX + "USER@HOST:PORT/DATABASE");
        }
        String userInfo = uri.getRawUserInfo();
        if (userInfo != null && userInfo.contains(":")) {
            throw bad(PREFIX + "...", "a password does not belong in the URL (it would show in 'ps', shell history and messages);"
                    + " set PGPASSWORD or put it in ~/.pgpass");
        }
        String user = userInfo == null || userInfo.isEmpty() ? System.getProperty("user.name") : uri.getUserInfo();
        String host = uri.getHost();
        if (host == null || host.isEmpty()) {
            throw bad(text, "no host; expected " + PREFIX + "USER@HOST:PORT/DATABASE");
        }
        int port = uri.getPort() < 0 ? 5432 : uri.getPort();
        String path = uri.getPath();
        if (path == null || path.length() < 2 || path.indexOf('/', 1) >= 0) {
            throw bad(text, "no database name; expected " + PREFIX + "USER@HOST:PORT/DATABASE");
        }
        String schema = null;
        if (uri.getRawQuery() != null) {
            for (String parameter : uri.getRawQuery().split("&")) {
                int eq = parameter.indexOf('=');
                String key = eq < 0 ? parameter : parameter.substring(0, eq);
                String value = eq < 0 ? "" : parameter.substring(eq + 1);
                if (key.equalsIgnoreCase("password")) {
                    throw bad(PREFIX + "...", "a password does not belong in the URL (it would show in 'ps', shell history and messages);"
                            + " set PGPASSWORD or put it in ~/.pgpass");
                }
                if (!key.equals("schema")) {
                    throw bad(text, "unknown parameter (" + key + "); the only one is schema=NAME");
                }
                if (!NAME.matcher(value).matches()) {
                    throw bad(text, "schema (" + value + ") must be a plain name: letters, digits and _");
                }
                schema = value;
            }
        }
        return new PostgresUrl(user, host, port, path.substring(1), schema);
    }

    private static InputException bad(String text, String message) {
        return new InputException(Position.of(text), message);
    }

    public String jdbcUrl() {
        String h = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
        return "jdbc:postgresql://" + h + ":" + port + "/" + database;
    }

    /** The URL as the user wrote it, normalised (it never holds a password). */
    @Override
    public String toString() {
        return PREFIX + user + "@" + host + ":" + port + "/" + database + (schema == null ? "" : "?schema=" + schema);
    }
}
