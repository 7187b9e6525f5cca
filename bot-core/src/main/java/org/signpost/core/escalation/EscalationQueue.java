package org.signpost.core.escalation;

import io.vertx.core.Future;
import java.util.List;

/** The navigators' queue. Never blocks the caller; failures arrive as failed futures. */
public interface EscalationQueue {

    Future<Void> add(Escalation escalation);

    /** Escalations not yet picked up: highest priority first, then longest waiting. */
    Future<List<Escalation>> waiting();
}
