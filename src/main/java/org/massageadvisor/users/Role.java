package org.massageadvisor.users;

import java.util.Locale;
import java.util.Set;

/**
 * What a workbench user may do: a viewer reads; an author also checks, previews and proposes; a reviewer
 * may do all that and approve or reject proposals, never their own (the proposal's author is refused).
 */
public enum Role {
    VIEWER(Set.of(Permission.READ)),
    AUTHOR(Set.of(Permission.READ, Permission.DRAFT, Permission.PROPOSE)),
    REVIEWER(Set.of(Permission.READ, Permission.DRAFT, Permission.PROPOSE, Permission.REVIEW));

    /** One kind of action on the workbench; every route needs exactly one. */
    public enum Permission {
        /** See the rules, proposals and history. */
        READ,
        /** Check or preview a draft (changes nothing). */
        DRAFT,
        /** Save a draft, or a revert, as a proposal. */
        PROPOSE,
        /** Approve (publish) or reject someone else's proposal. */
        REVIEW
    }

    private final Set<Permission> permissions;

    Role(Set<Permission> permissions) {
        this.permissions = permissions;
    }

    public boolean may(Permission p) {
        return permissions.contains(p);
    }

    /** The lower-case name used on the command line and in users.json. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @throws IllegalArgumentException naming the accepted roles */
    public static Role parse(String s) {
        for (Role r : values()) {
            if (r.key().equalsIgnoreCase(s == null ? "" : s.trim())) {
                return r;
            }
        }
        throw new IllegalArgumentException("a role is author, reviewer or viewer, not '" + s + "'");
    }
}
