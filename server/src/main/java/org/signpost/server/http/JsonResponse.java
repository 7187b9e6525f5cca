package org.signpost.server.http;

import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;

/** Ends a response with a JSON body: the one place the staff and health APIs answer from. */
public final class JsonResponse {

    private JsonResponse() {
    }

    public static void send(RoutingContext context, int status, String json) {
        context.response().setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, "application/json").end(json);
    }
}
