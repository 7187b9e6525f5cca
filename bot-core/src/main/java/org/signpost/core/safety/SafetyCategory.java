package org.signpost.core.safety;

/**
 * What a safety rule detects, most severe first. Each category's id is also the intent whose flow
 * gives the route (call 999, NHS 111 option 2, the safeguarding teams).
 */
public enum SafetyCategory {
    EMERGENCY("emergency"),
    MENTAL_HEALTH_CRISIS("mental_health_crisis"),
    SAFEGUARDING("safeguarding");

    private final String id;

    SafetyCategory(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    /** The intent whose flow handles this category. */
    public String intent() {
        return id;
    }

    public static SafetyCategory fromId(String id) {
        for (SafetyCategory category : values()) {
            if (category.id.equals(id)) {
                return category;
            }
        }
        throw new IllegalArgumentException("unknown safety category '" + id + "' (expected emergency, "
                + "mental_health_crisis or safeguarding)");
    }
}
