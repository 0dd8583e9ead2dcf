package org.massageadvisor.web.workbench;

import java.time.Instant;
import org.massageadvisor.users.Role;

/**
 * A server-side session: its random id (the cookie), the signed-in user and role (null before login),
 * the CSRF token every form of the session carries, and when it was last used.
 */
record Session(String id, String user, Role role, String csrf, Instant lastSeen) {

    boolean signedIn() {
        return user != null;
    }

    Session seen(Instant at) {
        return new Session(id, user, role, csrf, at);
    }
}
