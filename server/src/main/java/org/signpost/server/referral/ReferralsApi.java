package org.signpost.server.referral;

import io.vertx.core.Handler;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Objects;
import org.signpost.connectors.web.http.JsonBodies;
import org.signpost.core.referral.Referral;
import org.signpost.core.referral.ReferralStatus;
import org.signpost.core.referral.ReferralStore;
import org.signpost.core.staff.AuditLog;
import org.signpost.core.staff.Role;
import org.signpost.error.InvalidInputException;
import org.signpost.server.http.JsonResponse;
import org.signpost.server.staff.StaffAuth;

/**
 * Referrals for navigators: list (filtered by {@code status} and {@code service}), read one, and
 * change its status. Every read and change is written to the audit log before the answer goes
 * out: no audit entry, no data.
 */
public final class ReferralsApi {

    private final ReferralStore referrals;
    private final AuditLog audit;
    private final Clock clock;

    public ReferralsApi(ReferralStore referrals, AuditLog audit, Clock clock) {
        this.referrals = Objects.requireNonNull(referrals, "referrals");
        this.audit = Objects.requireNonNull(audit, "audit");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public void mount(Router router, Handler<RoutingContext> body) {
        Handler<RoutingContext> navigators = StaffAuth.requireAny(Role.NAVIGATOR);
        router.get("/api/referrals").handler(navigators).handler(this::list);
        router.get("/api/referrals/:reference").handler(navigators).handler(this::get);
        router.put("/api/referrals/:reference/status").handler(navigators).handler(body).handler(this::status);
    }

    private void list(RoutingContext context) {
        String status = context.queryParams().get("status");
        String service = context.queryParams().get("service");
        if (status != null) {
            try {
                ReferralStatus.fromId(status);
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException("invalid_query", e.getMessage());
            }
        }
        StaffAuth.audited(audit, clock, context, "listed referrals", "status=" + (status == null ? "any" : status) + " service="
                + (service == null ? "any" : service))
                .compose(done -> referrals.all())
                .onSuccess(all -> {
                    JsonArray json = new JsonArray();
                    all.stream()
                            .filter(referral -> status == null || referral.status().id().equals(status))
                            .filter(referral -> service == null || referral.serviceId().equals(service))
                            .forEach(referral -> json.add(summary(referral)));
                    JsonResponse.send(context, 200, json.encode());
                }).onFailure(context::fail);
    }

    private void get(RoutingContext context) {
        String reference = context.pathParam("reference");
        StaffAuth.audited(audit, clock, context, "read referral", reference)
                .compose(done -> referrals.find(reference))
                .onSuccess(found -> found.ifPresentOrElse(
                        referral -> JsonResponse.send(context, 200, summary(referral).put("details", new JsonObject(
                                new LinkedHashMap<String, Object>(referral.details()))).encode()),
                        () -> context.fail(new HttpException(404, "no referral " + reference))))
                .onFailure(context::fail);
    }

    private void status(RoutingContext context) {
        String reference = context.pathParam("reference");
        ReferralStatus status;
        try {
            status = ReferralStatus.fromId(JsonBodies.string(JsonBodies.object(context), "status", 20));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("invalid_field", e.getMessage());
        }
        StaffAuth.audited(audit, clock, context, "changed referral status to " + status.id(), reference)
                .compose(done -> referrals.updateStatus(reference, status))
                .onSuccess(updated -> updated.ifPresentOrElse(
                        referral -> JsonResponse.send(context, 200, summary(referral).encode()),
                        () -> context.fail(new HttpException(404, "no referral " + reference))))
                .onFailure(context::fail);
    }

    private static JsonObject summary(Referral referral) {
        return new JsonObject().put("reference", referral.reference()).put("service", referral.serviceId())
                .put("service_name", referral.serviceName()).put("route", referral.route())
                .put("status", referral.status().id()).put("created_at", referral.createdAt().toString())
                .put("channel", referral.channel().id());
    }
}
