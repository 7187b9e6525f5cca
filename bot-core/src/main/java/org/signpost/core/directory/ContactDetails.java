package org.signpost.core.directory;

import java.util.Objects;

/** The ways to reach a service; each is empty when the directory does not know it. */
public record ContactDetails(String phone, String email, String web, String address) {

    public static final ContactDetails NONE = new ContactDetails("", "", "", "");

    public ContactDetails {
        Objects.requireNonNull(phone, "phone");
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(web, "web");
        Objects.requireNonNull(address, "address");
    }
}
