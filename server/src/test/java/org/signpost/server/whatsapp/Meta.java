package org.signpost.server.whatsapp;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.signpost.connectors.whatsapp.webhook.Signature;
import org.signpost.server.RunningServer;

/**
 * Meta's side of the webhook, for tests: notification bodies in the exact shapes the WhatsApp
 * Cloud API sends (envelope, contacts, messages of every type, statuses), signed with the app
 * secret as Meta signs them, and the server settings that point the channel at a {@link FakeGraphApi}.
 */
public final class Meta {

    public static final String VERIFY_TOKEN = "verify-token-for-tests";
    public static final String APP_SECRET = "0123456789abcdef0123456789abcdef";
    public static final String ACCESS_TOKEN = "EAAG-test-access-token";
    public static final String PHONE_NUMBER_ID = "114896151713920";
    public static final String PATH = "/webhooks/whatsapp";
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final AtomicLong IDS = new AtomicLong(System.currentTimeMillis());

    private Meta() {
    }

    /** The environment that turns the channel on against {@code graph}. */
    public static Map<String, String> environment(FakeGraphApi graph, String... more) {
        return environment(graph.url(), more);
    }

    public static Map<String, String> environment(String graphUrl, String... more) {
        Map<String, String> environment = new HashMap<>(Map.of("WHATSAPP_VERIFY_TOKEN", VERIFY_TOKEN, "WHATSAPP_APP_SECRET", APP_SECRET,
                "WHATSAPP_ACCESS_TOKEN", ACCESS_TOKEN, "WHATSAPP_PHONE_NUMBER_ID", PHONE_NUMBER_ID, "WHATSAPP_GRAPH_URL", graphUrl,
                "WHATSAPP_API_VERSION", "v23.0", "WHATSAPP_SETTLE_MS", "150"));
        for (int i = 0; i + 1 < more.length; i += 2) {
            environment.put(more[i], more[i + 1]);
        }
        return environment;
    }

    /** A fresh message id in Meta's format. */
    public static String wamid() {
        return "wamid.HBgLNDQ3NzAwOTAwMTIzFQIAEhgg" + Long.toHexString(IDS.incrementAndGet()).toUpperCase();
    }

    private static JsonObject message(String from, Instant sent, String type) {
        return new JsonObject().put("from", from).put("id", wamid()).put("timestamp", String.valueOf(sent.getEpochSecond()))
                .put("type", type);
    }

    public static JsonObject text(String from, String body) {
        return text(from, body, Instant.now());
    }

    public static JsonObject text(String from, String body, Instant sent) {
        return message(from, sent, "text").put("text", new JsonObject().put("body", body));
    }

    /** A tapped reply button; {@code context} names the message it answered, as Meta's does. */
    public static JsonObject buttonReply(String from, String id, String title) {
        return message(from, Instant.now(), "interactive")
                .put("context", new JsonObject().put("from", "15550984277").put("id", wamid()))
                .put("interactive", new JsonObject().put("type", "button_reply")
                        .put("button_reply", new JsonObject().put("id", id).put("title", title)));
    }

    public static JsonObject listReply(String from, String id, String title) {
        return message(from, Instant.now(), "interactive")
                .put("context", new JsonObject().put("from", "15550984277").put("id", wamid()))
                .put("interactive", new JsonObject().put("type", "list_reply")
                        .put("list_reply", new JsonObject().put("id", id).put("title", title).put("description", "")));
    }

    public static JsonObject location(String from, double latitude, double longitude, String name, String address) {
        JsonObject location = new JsonObject().put("latitude", latitude).put("longitude", longitude);
        if (name != null) {
            location.put("name", name).put("address", address);
        }
        return message(from, Instant.now(), "location").put("location", location);
    }

    public static JsonObject image(String from) {
        return message(from, Instant.now(), "image").put("image", new JsonObject().put("caption", "my rash")
                .put("mime_type", "image/jpeg").put("sha256", "ZmFrZQ==").put("id", "1516449172537371"));
    }

    public static JsonObject audio(String from) {
        return message(from, Instant.now(), "audio").put("audio", new JsonObject().put("mime_type", "audio/ogg; codecs=opus")
                .put("sha256", "ZmFrZQ==").put("id", "1516449172537372").put("voice", true));
    }

    public static JsonObject sticker(String from) {
        return message(from, Instant.now(), "sticker").put("sticker", new JsonObject().put("mime_type", "image/webp")
                .put("sha256", "ZmFrZQ==").put("id", "1516449172537373").put("animated", false));
    }

    /** The notification Meta posts for these messages (one entry, one change). */
    public static String notification(JsonObject... messages) {
        JsonArray contacts = new JsonArray();
        Arrays.stream(messages).map(m -> m.getString("from")).distinct()
                .forEach(from -> contacts.add(new JsonObject().put("profile", new JsonObject().put("name", "Lee")).put("wa_id", from)));
        JsonObject value = metadata().put("contacts", contacts).put("messages", new JsonArray(Arrays.asList((Object[]) messages)));
        return envelope(value);
    }

    /** A delivery report; {@code errorCode} 0 for none. */
    public static JsonObject status(String messageId, String status, String recipient, int errorCode, String title) {
        JsonObject report = new JsonObject().put("id", messageId).put("status", status)
                .put("timestamp", String.valueOf(Instant.now().getEpochSecond())).put("recipient_id", recipient);
        if (errorCode != 0) {
            report.put("errors", new JsonArray().add(new JsonObject().put("code", errorCode).put("title", title)
                    .put("message", title).put("error_data", new JsonObject().put("details", title))));
        }
        return report;
    }

    public static String statuses(JsonObject... statuses) {
        return envelope(metadata().put("statuses", new JsonArray(Arrays.asList((Object[]) statuses))));
    }

    private static JsonObject metadata() {
        return new JsonObject().put("messaging_product", "whatsapp")
                .put("metadata", new JsonObject().put("display_phone_number", "15550984277").put("phone_number_id", PHONE_NUMBER_ID));
    }

    private static String envelope(JsonObject value) {
        return new JsonObject().put("object", "whatsapp_business_account").put("entry", new JsonArray().add(new JsonObject()
                .put("id", "102290129340398").put("changes", new JsonArray().add(new JsonObject().put("field", "messages")
                        .put("value", value))))).encode();
    }

    /** Posts {@code body} as Meta does, signed. */
    public static HttpResponse<String> post(RunningServer server, String body) throws Exception {
        return post(server.uri(PATH), body);
    }

    public static HttpResponse<String> post(URI webhook, String body) throws Exception {
        return post(webhook, body, new Signature(APP_SECRET).sign(body.getBytes(StandardCharsets.UTF_8)));
    }

    /** Posts {@code body} with the given signature header ({@code null}: none). */
    public static HttpResponse<String> post(RunningServer server, String body, String signature) throws Exception {
        return post(server.uri(PATH), body, signature);
    }

    public static HttpResponse<String> post(URI webhook, String body, String signature) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(webhook).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (signature != null) {
            request.header("X-Hub-Signature-256", signature);
        }
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Posts and insists on Meta's expectation: a 200. */
    public static void deliver(RunningServer server, String body) throws Exception {
        deliver(server.uri(PATH), body);
    }

    public static void deliver(URI webhook, String body) throws Exception {
        HttpResponse<String> response = post(webhook, body);
        if (response.statusCode() != 200) {
            throw new AssertionError("the webhook answered " + response.statusCode() + ": " + response.body());
        }
    }
}
