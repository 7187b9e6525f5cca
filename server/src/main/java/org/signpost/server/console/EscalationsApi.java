package org.signpost.server.console;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.util.Objects;
import org.signpost.core.escalation.Claim;
import org.signpost.core.escalation.EscalationQueue;
import org.signpost.core.handoff.Handoffs;
import org.signpost.core.staff.AuditLog;
import org.signpost.core.staff.Role;
import org.signpost.server.http.JsonResponse;
import org.signpost.server.staff.StaffAuth;

/**
 * The navigators' queue over HTTP: {@code GET /api/escalations} and
 * {@code POST /api/escalations/{id}/claim}. A won claim joins the navigator to the conversation.
 */
public final class EscalationsApi {

    private final EscalationQueue queue;
    private final Handoffs handoffs;
    private final AuditLog audit;
    private final Clock clock;

    public EscalationsApi(EscalationQueue queue, Handoffs handoffs, AuditLog audit, Clock clock) {
        this.queue = Objects.requireNonNull(queue, "queue");
        this.handoffs = Objects.requireNonNull(handoffs, "handoffs");
        this.audit = Objects.requireNonNull(audit, "audit");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public void mount(Router router) {
        router.get("/api/escalations").handler(StaffAuth.requireAny(Role.NAVIGATOR)).handler(this::list);
        router.post("/api/escalations/:id/claim").handler(StaffAuth.requireAny(Role.NAVIGATOR)).handler(this::claim);
    }

    private void list(RoutingContext context) {
        String navigator = StaffAuth.username(context);
        queue.waiting().compose(waiting -> queue.heldBy(navigator).map(mine ->
                        EscalationJson.queue(waiting, mine, navigator, clock.instant())))
                .onSuccess(json -> JsonResponse.send(context, 200, json.encode()))
                .onFailure(context::fail);
    }

    private void claim(RoutingContext context) {
        String id = context.pathParam("id");
        String navigator = StaffAuth.username(context);
        handoffs.claim(id, navigator).compose(claim -> claim.outcome() == Claim.Outcome.WON
                        ? StaffAuth.audited(audit, clock, context, "escalation.claim", id).map(claim)
                        : Future.succeededFuture(claim))
                .onSuccess(claim -> {
                    switch (claim.outcome()) {
                        case WON -> JsonResponse.send(context, 200, new JsonObject().put("outcome", "won")
                                .put("escalation", EscalationJson.of(claim.escalation().orElseThrow(), navigator, clock.instant()))
                                .encode());
                        case TAKEN -> JsonResponse.send(context, 409, new JsonObject().put("error", "taken")
                                .put("holder", claim.holder())
                                .put("detail", "already claimed by " + claim.holder()).encode());
                        case NOT_FOUND -> JsonResponse.send(context, 404, new JsonObject().put("error", "not_found")
                                .put("detail", "no escalation " + id + " is waiting").encode());
                    }
                })
                .onFailure(context::fail);
    }
}
