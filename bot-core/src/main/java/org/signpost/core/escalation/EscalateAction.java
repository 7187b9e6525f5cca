package org.signpost.core.escalation;

import io.vertx.core.Future;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import org.signpost.core.event.EscalationRequested;
import org.signpost.core.flow.Action;
import org.signpost.core.flow.ActionContext;
import org.signpost.core.flow.ActionResult;

/**
 * {@code action_escalate}: puts the conversation in the navigators' queue with what it has
 * collected. Arguments: {@code priority} (safety, urgent, routine; default routine) and
 * {@code reason}. A conversation already waiting in this session is not queued twice, unless the
 * new reason is more urgent (a safety event after a routine request), which is queued at once;
 * nor while a navigator is with the person.
 */
public final class EscalateAction implements Action {

    public static final String NAME = "action_escalate";

    private final EscalationQueue queue;
    private final Supplier<String> ids;

    public EscalateAction(EscalationQueue queue) {
        this(queue, () -> UUID.randomUUID().toString());
    }

    public EscalateAction(EscalationQueue queue, Supplier<String> ids) {
        this.queue = Objects.requireNonNull(queue, "queue");
        this.ids = Objects.requireNonNull(ids, "ids");
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Set<String> arguments() {
        return Set.of("priority", "reason");
    }

    @Override
    public void checkArguments(Map<String, String> arguments) {
        Priority.fromId(arguments.getOrDefault("priority", Priority.ROUTINE.id()));
    }

    @Override
    public Future<ActionResult> run(ActionContext context) {
        Priority priority = Priority.fromId(context.argument("priority", Priority.ROUTINE.id()));
        String reason = context.argument("reason", "asked for a person");
        if (context.state().navigator().isPresent()) {
            // A navigator is already with the person and sees the safety flag in the conversation.
            return Future.succeededFuture(new ActionResult(List.of(), List.of()));
        }
        boolean alreadyAsUrgent = context.state().escalationPriority()
                .map(existing -> Priority.fromId(existing).compareTo(priority) <= 0)
                .orElse(false);
        if (alreadyAsUrgent) {
            return Future.succeededFuture(new ActionResult(List.of(), List.of()));
        }
        Escalation escalation = new Escalation(ids.get(), context.state().conversationId(), context.channel(), reason,
                priority, context.now(), context.state().slots());
        return queue.add(escalation).map(added -> new ActionResult(
                List.of(new EscalationRequested(context.now(), escalation.id(), reason, priority.id())), List.of()));
    }
}
