package org.signpost.core.escalation;

import io.vertx.core.Future;
import java.util.List;

/** The navigators' queue. Never blocks the caller; failures arrive as failed futures. */
public interface EscalationQueue {

    Future<Void> add(Escalation escalation);

    /** Escalations not yet picked up: highest priority first, then longest waiting. */
    Future<List<Escalation>> waiting();

    /**
     * A navigator picks an escalation up. Atomic: of any number of claims on one escalation, on
     * any number of instances, exactly one wins; the others learn who holds it.
     */
    Future<Claim> claim(String escalationId, String navigator);

    /** The escalations {@code navigator} has claimed and not yet finished, oldest first. */
    Future<List<Escalation>> heldBy(String navigator);

    /** The navigator is done with a claimed escalation: it leaves their list. Finishing twice is harmless. */
    Future<Void> finish(String escalationId);
}
