package org.massageadvisor.users;

import java.time.Instant;
import java.util.Objects;

/** A workbench user as stored: the name, the role and the bcrypt hash of the password (never the password). */
public record User(String name, Role role, String hash, Instant created) {

    public User {
        UserNames.check(name);
        Objects.requireNonNull(role, "role");
        if (hash == null || !hash.startsWith("$2")) {
            throw new IllegalArgumentException("user '" + name + "': the password hash is not a bcrypt hash");
        }
        Objects.requireNonNull(created, "created");
    }

    @Override
    public String toString() {
        return "User[" + name + ", " + role.key() + "]";
    }
}
