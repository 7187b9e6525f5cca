package org.signpost.core.escalation;

import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of a navigator's claim on an escalation: won (the escalation is theirs), or lost
 * to {@code holder}, or the escalation is not waiting (anymore).
 */
public record Claim(Outcome outcome, String holder, Optional<Escalation> escalation) {

    /** How the claim ended. */
    public enum Outcome { WON, TAKEN, NOT_FOUND }

    public Claim {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(holder, "holder");
        Objects.requireNonNull(escalation, "escalation");
    }

    public static Claim won(String navigator, Escalation escalation) {
        return new Claim(Outcome.WON, navigator, Optional.of(escalation));
    }

    public static Claim taken(String holder) {
        return new Claim(Outcome.TAKEN, holder, Optional.empty());
    }

    public static Claim notFound() {
        return new Claim(Outcome.NOT_FOUND, "", Optional.empty());
    }
}
