package org.signpost.core.message;

/** The ways people reach Signpost. Dialogs never depend on it except to pick a response variant. */
public enum Channel {
    REST("rest"),
    WEB("web"),
    WHATSAPP("whatsapp"),
    VOICE("voice");

    private final String id;

    Channel(String id) {
        this.id = id;
    }

    /** The lower-case name used in content files and APIs. */
    public String id() {
        return id;
    }

    public static Channel fromId(String id) {
        for (Channel channel : values()) {
            if (channel.id.equals(id)) {
                return channel;
            }
        }
        throw new IllegalArgumentException("unknown channel '" + id + "'");
    }
}
