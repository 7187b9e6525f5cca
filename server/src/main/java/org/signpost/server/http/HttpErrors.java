package org.signpost.server.http;

import io.netty.handler.codec.http.HttpResponseStatus;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import java.util.Locale;
import org.signpost.core.conversation.StoreUnavailableException;
import org.signpost.core.handoff.HandoffException;
import org.signpost.core.turn.BusyException;
import org.signpost.error.InvalidInputException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where failures become HTTP answers: every error is JSON
 * {@code {"error": "...", "detail": "..."}}. Bad input is a 4xx; only a fault of Signpost's own
 * is a 500, and it is logged.
 */
public final class HttpErrors {

    private static final Logger LOG = LoggerFactory.getLogger(HttpErrors.class);

    private HttpErrors() {
    }

    public static void install(Router router) {
        router.route().failureHandler(HttpErrors::failure);
        router.errorHandler(404, context -> send(context, 404, "not_found",
                "there is nothing at " + context.request().method() + " " + context.request().path()));
        router.errorHandler(405, context -> send(context, 405, "method_not_allowed",
                context.request().method() + " is not allowed on " + context.request().path()));
        router.errorHandler(500, context -> internal(context, context.failure()));
    }

    private static void failure(RoutingContext context) {
        Throwable failure = context.failure();
        if (failure instanceof InvalidInputException invalid) {
            send(context, 400, invalid.error(), invalid.getMessage());
        } else if (failure instanceof StoreUnavailableException unavailable) {
            // Nothing was kept: the client should retry, and a load balancer may try another instance.
            context.response().putHeader("Retry-After", "5");
            send(context, 503, "store_unavailable", unavailable.getMessage());
        } else if (failure instanceof BusyException busy) {
            // Refused before anything was kept: the client should retry soon, perhaps on another instance.
            context.response().putHeader("Retry-After", "1");
            send(context, 503, "busy", busy.getMessage());
        } else if (failure instanceof HandoffException refused) {
            boolean missing = refused.reason() == HandoffException.Reason.NOT_FOUND;
            send(context, missing ? 404 : 409, missing ? "not_found" : "not_holder", refused.getMessage());
        } else if (failure instanceof HttpException http) {
            int status = http.getStatusCode();
            if (status >= 500) {
                internal(context, failure);
            } else {
                send(context, status, code(status), http.getPayload() != null ? http.getPayload() : reason(status));
            }
        } else if (failure == null && context.statusCode() >= 400 && context.statusCode() < 500) {
            send(context, context.statusCode(), code(context.statusCode()), reason(context.statusCode()));
        } else {
            internal(context, failure);
        }
    }

    private static void internal(RoutingContext context, Throwable failure) {
        // The path only: query strings and bodies may carry personal data.
        LOG.error("Request {} {} failed", context.request().method(), context.request().path(), failure);
        send(context, 500, "internal_error", "something went wrong inside Signpost; it has been logged");
    }

    public static void send(RoutingContext context, int status, String error, String detail) {
        if (context.response().ended() || context.response().closed()) {
            return;
        }
        context.response()
                .setStatusCode(status)
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .end(new JsonObject().put("error", error).put("detail", detail).encode());
    }

    private static String code(int status) {
        return reason(status).toLowerCase(Locale.ROOT).replace(' ', '_');
    }

    private static String reason(int status) {
        return HttpResponseStatus.valueOf(status).reasonPhrase();
    }
}
