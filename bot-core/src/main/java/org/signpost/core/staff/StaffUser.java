package org.signpost.core.staff;

import java.util.Objects;
import java.util.Set;

/** A member of staff: a username, a password hash (never the password) and roles. */
public record StaffUser(String username, String passwordHash, Set<Role> roles) {

    public StaffUser {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(passwordHash, "passwordHash");
        roles = Set.copyOf(roles);
    }

    public boolean has(Role role) {
        return roles.contains(role) || roles.contains(Role.ADMIN);
    }
}
