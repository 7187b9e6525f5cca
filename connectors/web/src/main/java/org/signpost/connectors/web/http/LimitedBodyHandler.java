package org.signpost.connectors.web.http;

import io.netty.handler.codec.http.HttpResponseStatus;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;

/**
 * Reads a request body of at most {@code limit} bytes for the handlers after it, answering 415
 * for a content type it does not accept and 413 for a body that is too large (without reading
 * the rest of it).
 *
 * <p>The JSON variant accepts {@code application/x-www-form-urlencoded} as well because it is
 * what {@code curl -d} sends, and Rasa, whose REST channel Signpost mirrors, reads such bodies as
 * JSON too. Vert.x's own BodyHandler is not used because it would also decode such a body as a
 * form, and fail on a JSON message containing a bare {@code %}.
 */
public final class LimitedBodyHandler implements Handler<RoutingContext> {

    static final String BODY = LimitedBodyHandler.class.getName() + ".body";
    private static final Set<String> JSON_TYPES = Set.of("application/json", "application/x-www-form-urlencoded");
    private static final Set<String> YAML_TYPES = Set.of("application/yaml", "application/x-yaml", "text/yaml",
            "text/x-yaml", "text/plain");

    private final long limit;
    private final Set<String> types;
    private final String expected;

    private LimitedBodyHandler(long limit, Set<String> types, String expected) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be positive, was " + limit);
        }
        this.limit = limit;
        this.types = types;
        this.expected = expected;
    }

    /** JSON bodies (and curl's default form type, read as JSON). */
    public static LimitedBodyHandler json(long limit) {
        return new LimitedBodyHandler(limit, JSON_TYPES, "application/json");
    }

    /** YAML bodies, such as Rasa training data. */
    public static LimitedBodyHandler yaml(long limit) {
        return new LimitedBodyHandler(limit, YAML_TYPES, "application/yaml");
    }

    /** The body read by a handler of this class, as UTF-8 text. */
    public static String text(RoutingContext context) {
        return bytes(context).toString(StandardCharsets.UTF_8);
    }

    /** The body read by a handler of this class, byte for byte as received (what a signature covers). */
    public static Buffer bytes(RoutingContext context) {
        Buffer body = context.get(BODY);
        return body == null ? Buffer.buffer() : body;
    }

    @Override
    public void handle(RoutingContext context) {
        HttpServerRequest request = context.request();
        String type = request.getHeader(HttpHeaders.CONTENT_TYPE);
        if (!acceptable(type)) {
            context.fail(new HttpException(HttpResponseStatus.UNSUPPORTED_MEDIA_TYPE.code(),
                    "send the body as " + expected + " (the request said " + type + ")"));
            return;
        }
        String declared = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        if (declared != null && tooLarge(declared)) {
            tooLarge(context);
            return;
        }
        Buffer body = Buffer.buffer();
        boolean[] rejected = {false};
        request.handler(chunk -> {
            if (rejected[0]) {
                return;
            }
            if (body.length() + chunk.length() > limit) {
                rejected[0] = true;
                tooLarge(context);
                return;
            }
            body.appendBuffer(chunk);
        });
        request.exceptionHandler(failure -> {
            if (!rejected[0] && !context.failed() && !context.response().ended()) {
                rejected[0] = true;
                context.fail(new HttpException(HttpResponseStatus.BAD_REQUEST.code(), "the request body could not be read"));
            }
        });
        request.endHandler(end -> {
            if (!rejected[0]) {
                context.put(BODY, body);
                context.next();
            }
        });
        request.resume();
    }

    private boolean tooLarge(String declared) {
        try {
            return Long.parseLong(declared.strip()) > limit;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private void tooLarge(RoutingContext context) {
        // Close after answering: the rest of an oversized body is not worth reading.
        context.response().putHeader(HttpHeaders.CONNECTION, "close");
        context.fail(new HttpException(HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE.code(),
                "the request body is larger than " + limit + " bytes"));
    }

    private boolean acceptable(String contentType) {
        if (contentType == null || contentType.isBlank()) {
            return true;
        }
        String mime = contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        return types.contains(mime) || (types == JSON_TYPES && mime.endsWith("+json"));
    }
}
