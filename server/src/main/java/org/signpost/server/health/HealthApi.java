package org.signpost.server.health;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import org.signpost.server.http.JsonResponse;

/**
 * {@code GET /health}: the process answers. {@code GET /ready}: every dependency answers too
 * (200), or which one does not (503), so a load balancer only sends traffic that can be served.
 */
public final class HealthApi {

    /** One dependency to check for readiness; the future fails when it is not usable. */
    public record Check(String name, Supplier<Future<String>> probe) {
        public Check {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(probe, "probe");
        }
    }

    private final List<Check> checks;

    public HealthApi(List<Check> checks) {
        this.checks = List.copyOf(checks);
    }

    public void mount(Router router) {
        router.get("/health").handler(this::health);
        router.get("/ready").handler(this::ready);
    }

    private void health(RoutingContext context) {
        JsonResponse.send(context, 200, new JsonObject().put("status", "ok").encode());
    }

    private void ready(RoutingContext context) {
        Map<String, Future<String>> probes = new LinkedHashMap<>();
        for (Check check : checks) {
            Future<String> probe;
            try {
                probe = check.probe().get();
            } catch (RuntimeException e) {
                probe = Future.failedFuture(e);
            }
            probes.put(check.name(), probe);
        }
        Future.join(List.copyOf(probes.values())).onComplete(done -> {
            JsonObject results = new JsonObject();
            boolean ready = true;
            for (Map.Entry<String, Future<String>> probe : probes.entrySet()) {
                Future<String> result = probe.getValue();
                if (result.succeeded()) {
                    results.put(probe.getKey(), new JsonObject().put("status", "ok").put("detail", result.result()));
                } else {
                    ready = false;
                    String reason = result.cause() == null ? "not ready" : String.valueOf(result.cause().getMessage());
                    results.put(probe.getKey(), new JsonObject().put("status", "failing").put("detail", reason));
                }
            }
            JsonResponse.send(context, ready ? 200 : 503, new JsonObject().put("status", ready ? "ready" : "not_ready").put("checks", results).encode());
        });
    }
}
