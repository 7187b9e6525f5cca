package org.signpost.server.staff;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Objects;
import org.signpost.core.staff.AuditLog;
import org.signpost.core.staff.Role;

/** {@code GET /api/audit}: every audited read and change, for admins. */
public final class AuditApi {

    private final AuditLog audit;

    public AuditApi(AuditLog audit) {
        this.audit = Objects.requireNonNull(audit, "audit");
    }

    public void mount(Router router) {
        router.get("/api/audit").handler(StaffAuth.requireAny(Role.ADMIN)).handler(this::list);
    }

    private void list(RoutingContext context) {
        audit.all().onSuccess(entries -> {
            JsonArray json = new JsonArray();
            entries.forEach(entry -> json.add(new JsonObject().put("who", entry.who()).put("action", entry.action())
                    .put("subject", entry.subject()).put("at", entry.at().toString())));
            context.response().putHeader(HttpHeaders.CONTENT_TYPE, "application/json").end(json.encode());
        }).onFailure(context::fail);
    }
}
