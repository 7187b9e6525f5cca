package org.signpost.connectors.voice.queue;

import java.util.Objects;

/** Where Asterisk's Manager Interface is, and the manager account that reads its events. */
public record AmiSettings(String host, int port, String user, String secret) {

    public static final int DEFAULT_PORT = 5038;

    public AmiSettings {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(secret, "secret");
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("the AMI port must be between 1 and 65535, was " + port);
        }
    }

    /** Never shows the secret. */
    @Override
    public String toString() {
        return user + "@" + host + ":" + port;
    }
}
