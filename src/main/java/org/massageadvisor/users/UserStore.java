package org.massageadvisor.users;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.massageadvisor.client.InputException;
import org.massageadvisor.client.Position;
import org.massageadvisor.io.Bounded;
import org.massageadvisor.io.EnvironmentException;

/**
 * The workbench users in {@code <state>/users.json}: names, roles and bcrypt hashes. Written whole to a
 * temporary file (mode 600 where the file system has POSIX modes) and renamed over the old one; re-read
 * when it changed on disk, so {@code advisor users add|remove} takes effect in a running service.
 */
public final class UserStore {

    public static final String FILE = "users.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;
    private final Passwords passwords;
    private final Clock clock;
    private Snapshot snapshot = new Snapshot(null, -1, Map.of());

    /** The users as last read, with the file's modification time and size then. */
    private record Snapshot(FileTime modified, long size, Map<String, User> users) {
    }

    public UserStore(Path stateDir, Passwords passwords, Clock clock) {
        this.file = stateDir.resolve(FILE);
        this.passwords = passwords;
        this.clock = clock;
    }

    public Path file() {
        return file;
    }

    /** Every user, by name. */
    public synchronized List<User> list() {
        return List.copyOf(current().values());
    }

    public synchronized Optional<User> find(String name) {
        return Optional.ofNullable(current().get(name));
    }

    /** The user whose name and password match; empty otherwise (an unknown name costs as much as a wrong password). */
    public Optional<User> authenticate(String name, String password) {
        User user;
        synchronized (this) {
            user = name == null ? null : current().get(name);
        }
        return passwords.matches(password, user == null ? null : user.hash()) ? Optional.of(user) : Optional.empty();
    }

    /** Adds a user (or, with {@code replace}, changes an existing one's role and password). */
    public synchronized User add(String name, Role role, char[] password, boolean replace) {
        UserNames.check(name);
        Map<String, User> users = new LinkedHashMap<>(current());
        if (users.containsKey(name) && !replace) {
            throw new IllegalArgumentException("user '" + name + "' exists; give --replace to change their role and password");
        }
        User user = new User(name, role, passwords.hash(password), clock.instant());
        users.put(name, user);
        write(users);
        return user;
    }

    /** @return whether the user was there */
    public synchronized boolean remove(String name) {
        Map<String, User> users = new LinkedHashMap<>(current());
        if (users.remove(name) == null) {
            return false;
        }
        write(users);
        return true;
    }

    private Map<String, User> current() {
        try {
            FileTime modified = Files.getLastModifiedTime(file);
            long size = Files.size(file);
            if (!modified.equals(snapshot.modified()) || size != snapshot.size()) {
                snapshot = new Snapshot(modified, size, read());
            }
        } catch (NoSuchFileException e) {
            snapshot = new Snapshot(null, -1, Map.of());
        } catch (IOException e) {
            throw EnvironmentException.of(file.toString(), "cannot read the users", e);
        }
        return snapshot.users();
    }

    private Map<String, User> read() {
        String text = Bounded.readString(file, Bounded.DOCUMENT, "the users file");
        Map<String, User> users = new LinkedHashMap<>();
        try {
            JsonNode list = JSON.readTree(text).path("users");
            for (int i = 0; i < list.size(); i++) {
                JsonNode u = list.get(i);
                try {
                    User user = new User(u.path("name").asText(null), Role.parse(u.path("role").asText()), u.path("hash").asText(null),
                            Instant.parse(u.path("created").asText()));
                    users.put(user.name(), user);
                } catch (RuntimeException e) {
                    throw new InputException(Position.of(file + ": users[" + i + "]"), e.getMessage());
                }
            }
        } catch (JsonProcessingException e) {
            throw new InputException(Position.of(file.toString()), "not JSON (" + e.getOriginalMessage() + ")");
        }
        return Collections.unmodifiableMap(users);
    }

    private void write(Map<String, User> users) {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode list = root.putArray("users");
        for (User u : new ArrayList<>(users.values())) {
            list.addObject().put("name", u.name()).put("role", u.role().key()).put("hash", u.hash()).put("created", u.created().toString());
        }
        Path temp = file.resolveSibling("." + FILE + "." + ProcessHandle.current().pid() + ".tmp");
        try {
            Files.createDirectories(file.getParent());
            Files.deleteIfExists(temp);
            createPrivate(temp);
            Files.writeString(temp, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n", StandardCharsets.UTF_8);
            try {
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw EnvironmentException.of(file.toString(), "cannot write the users", e);
        } finally {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException ignored) {
                // best effort: the temporary file is hidden and replaced on the next write
            }
        }
        snapshot = new Snapshot(null, -1, Map.of());
    }

    /** Creates an empty file readable by its owner only (where the file system knows POSIX modes). */
    private static void createPrivate(Path path) throws IOException {
        try {
            Files.createFile(path, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            Files.createFile(path);
        }
    }
}
