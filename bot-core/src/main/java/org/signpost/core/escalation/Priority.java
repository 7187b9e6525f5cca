package org.signpost.core.escalation;

/** How soon a navigator must pick an escalation up; safety events always come first. */
public enum Priority {
    SAFETY("safety"),
    URGENT("urgent"),
    ROUTINE("routine");

    private final String id;

    Priority(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public static Priority fromId(String id) {
        for (Priority priority : values()) {
            if (priority.id.equals(id)) {
                return priority;
            }
        }
        throw new IllegalArgumentException("unknown priority '" + id + "' (expected safety, urgent or routine)");
    }
}
