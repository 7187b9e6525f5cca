package org.signpost.bench;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * An open-loop load generator for the WhatsApp channel, playing Meta: signed
 * {@code POST /webhooks/whatsapp} notifications in the Cloud API's exact shape, one text message
 * each, at a constant arrival rate whatever the server's speed, from {@code senders} distinct
 * people (wa_id) with realistic texts, unique message ids and current timestamps. What is measured
 * is the acknowledgement: from when each webhook was due to its 200 (so a slow server cannot hide
 * its queueing: no coordinated omission). A warm-up, the rate climbing from a tenth to the full
 * rate, comes first and is not measured. Anything but a 200 is an error.
 *
 * <p>It also plays the Graph API the server replies through: an HTTP server on {@code --graph-port}
 * (the server must be started with {@code WHATSAPP_GRAPH_URL} pointing there) answers every send
 * with Meta's success body and a unique wamid, and counts the sends. After the load it waits for
 * the replies to drain (until none arrived for two seconds, at most {@code --drain} seconds).
 *
 * <p>Usage: {@code WhatsAppLoad URL RATE SECONDS SENDERS --graph-port PORT [--warmup SECONDS]
 * [--drain SECONDS] [--ack-wait SECONDS] [--app-secret SECRET] [--phone-number-id DIGITS]}.
 * Webhooks still unanswered {@code --ack-wait} seconds (default 60) after the last was due are
 * errors, and count in the percentiles with the time they had waited: a percentile that is such a
 * lower bound is printed as {@code >...}. Prints one line:
 * {@code rate=... sent=... ok=... errors=... achieved=.../s ack p50=...ms p99=...ms p999=...ms replies=...},
 * followed by the worst lateness of the generator itself in sending ({@code client-lag}: from
 * when a webhook was due to when it was handed to the HTTP client) and how long the replies took
 * to drain. Every five seconds it says on stderr how many webhooks were sent and answered so far.
 */
public final class WhatsAppLoad {

    private static final String[] MESSAGES = {"hello", "I need help with falls", "we live in Sedgley",
        "where can I get help with my memory", "is there a carers group in Stourbridge", "thanks", "what can you do",
        "my mum keeps falling at home", "bye"};
    private static final String[] NAMES = {"Lee", "Priya", "Margaret", "Tom", "Aisha", "Dave", "Jan", "Sam"};
    private static final String DISPLAY_NUMBER = "15550984277";
    private static final String BUSINESS_ACCOUNT = "102290129340398";

    private WhatsAppLoad() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 4) {
            usage();
        }
        URI uri = URI.create(args[0]);
        int rate = Integer.parseInt(args[1]);
        int seconds = Integer.parseInt(args[2]);
        int senders = Integer.parseInt(args[3]);
        int graphPort = -1;
        int warmup = 5;
        int drainLimit = 30;
        int ackWait = 60;
        String appSecret = "signpost-bench-app-secret";
        String phoneNumberId = "100200300400500";
        for (int i = 4; i < args.length; i += 2) {
            if (i + 1 >= args.length) {
                usage();
            }
            switch (args[i]) {
                case "--graph-port" -> graphPort = Integer.parseInt(args[i + 1]);
                case "--warmup" -> warmup = Integer.parseInt(args[i + 1]);
                case "--drain" -> drainLimit = Integer.parseInt(args[i + 1]);
                case "--ack-wait" -> ackWait = Integer.parseInt(args[i + 1]);
                case "--app-secret" -> appSecret = args[i + 1];
                case "--phone-number-id" -> phoneNumberId = args[i + 1];
                default -> usage();
            }
        }
        if (graphPort <= 0 || rate <= 0 || seconds <= 0 || senders <= 0 || warmup < 0) {
            usage();
        }

        Vertx vertx = Vertx.vertx();
        AtomicLong replies = new AtomicLong();
        AtomicLong lastReply = new AtomicLong(System.nanoTime());
        HttpServer graph = vertx.createHttpServer()
                .requestHandler(request -> request.body().onSuccess(body -> answerGraph(request, body, replies, lastReply)))
                .listen(graphPort, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);

        HttpClient client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true).setTcpNoDelay(true),
                new PoolOptions().setHttp1MaxSize(128));
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(appSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String runId = Long.toHexString(System.currentTimeMillis()).toUpperCase(Locale.ROOT);
        String metadataId = phoneNumberId;

        // The warm-up ramps the rate up from a tenth to the full rate, as traffic grows on a
        // server that has just started: a cold server hit at once by the full rate builds a
        // backlog while it compiles its hot paths, and measuring that backlog measures the start,
        // not the rate.
        Schedule schedule = new Schedule(rate, warmup);
        long unmeasured = schedule.rampCount();
        int total = rate * seconds;
        long all = unmeasured + total;
        // Per measured webhook, by its place in the schedule: nanoseconds from due to answered (-1 until
        // answered), and from due to handed to the HTTP client.
        AtomicLongArray latencies = new AtomicLongArray(total);
        AtomicLongArray lags = new AtomicLongArray(total);
        for (int i = 0; i < total; i++) {
            latencies.set(i, -1);
        }
        AtomicInteger recorded = new AtomicInteger();
        AtomicInteger errors = new AtomicInteger();
        AtomicLong sent = new AtomicLong();
        AtomicLong acknowledged = new AtomicLong();
        CountDownLatch done = new CountDownLatch(total);
        // Every webhook is made and signed before the clock starts: building and signing them on
        // the sending tick made the generator itself late (client-lag), and its lateness counts
        // in the latencies. Their timestamps (when the person sent the message) run from when
        // the preparing began, so they are a little older than their delivery, as Meta's are.
        System.err.printf(Locale.ROOT, "whatsapp: preparing %d signed webhooks...%n", all);
        long wallStart = System.currentTimeMillis();
        Buffer[] bodies = new Buffer[(int) all];
        String[] signatures = new String[(int) all];
        for (int index = 0; index < all; index++) {
            int sender = index % senders;
            int turn = index / senders;
            String waId = waId(sender);
            byte[] body = notification(metadataId, waId, NAMES[sender % NAMES.length],
                    "wamid.HBgM" + runId + "X" + Long.toHexString(index).toUpperCase(Locale.ROOT),
                    MESSAGES[(turn + sender) % MESSAGES.length],
                    (wallStart + schedule.dueNanos(index) / 1_000_000) / 1000).getBytes(StandardCharsets.UTF_8);
            bodies[index] = Buffer.buffer(body);
            signatures[index] = "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
        }
        long start = System.nanoTime();
        long measuredFrom = start + schedule.dueNanos(unmeasured);
        long[] repliesAtStart = new long[1];
        // A 1 ms tick sends every webhook that has come due, each stamped with its due time.
        vertx.setPeriodic(1, tick -> {
            long now = System.nanoTime();
            while (sent.get() < all && start + schedule.dueNanos(sent.get()) <= now) {
                long index = sent.getAndIncrement();
                long due = start + schedule.dueNanos(index);
                boolean measured = index >= unmeasured;
                if (index == unmeasured) {
                    repliesAtStart[0] = replies.get();
                }
                Buffer body = bodies[(int) index];
                String signature = signatures[(int) index];
                long handed = System.nanoTime();
                client.request(new RequestOptions().setMethod(HttpMethod.POST).setHost(uri.getHost()).setPort(uri.getPort())
                                .setURI("/webhooks/whatsapp").putHeader("Content-Type", "application/json")
                                .putHeader("X-Hub-Signature-256", signature))
                        .compose(request -> request.send(body))
                        .compose(response -> response.body().map(ignored -> response.statusCode()))
                        .onComplete(result -> {
                            acknowledged.incrementAndGet();
                            if (!measured) {
                                return;
                            }
                            if (result.failed() || result.result() != 200) {
                                errors.incrementAndGet();
                            }
                            int slot = (int) (index - unmeasured);
                            lags.set(slot, handed - due);
                            latencies.set(slot, System.nanoTime() - due);
                            recorded.incrementAndGet();
                            done.countDown();
                        });
            }
            if (sent.get() >= all) {
                vertx.cancelTimer(tick);
            }
        });
        // Progress on stderr every five seconds: how far the server keeps up.
        long progress = vertx.setPeriodic(5_000, tick -> System.err.printf(Locale.ROOT,
                "whatsapp: %3.0f s: sent %d, answered %d, waiting %d, replies %d%n", (System.nanoTime() - start) / 1e9,
                sent.get(), acknowledged.get(), sent.get() - acknowledged.get(), replies.get()));
        boolean finished = done.await(warmup + seconds + (long) ackWait, TimeUnit.SECONDS);
        long end = System.nanoTime();
        double elapsed = (end - measuredFrom) / 1e9;
        int count = recorded.get();
        // A webhook still unanswered counts with the time it has waited so far, a lower bound: a
        // percentile that lands on one is printed as ">...".
        long[] sorted = new long[total];
        long[] sortedLags = new long[total];
        int answered = 0;
        for (int i = 0; i < total; i++) {
            long latency = latencies.get(i);
            sorted[i] = latency >= 0 ? latency * 2 : (end - (start + schedule.dueNanos(unmeasured + i))) * 2 + 1;
            if (latency >= 0) {
                sortedLags[answered++] = lags.get(i);
            }
        }
        Arrays.sort(sorted);
        sortedLags = Arrays.copyOf(sortedLags, answered);
        Arrays.sort(sortedLags);
        long repliesDuringLoad = replies.get() - repliesAtStart[0];
        vertx.cancelTimer(progress);

        // The replies the server still owes: wait until none has come for two seconds.
        long drainStart = System.nanoTime();
        long drainDeadline = drainStart + TimeUnit.SECONDS.toNanos(drainLimit);
        while (System.nanoTime() < drainDeadline && System.nanoTime() - lastReply.get() < TimeUnit.SECONDS.toNanos(2)) {
            Thread.sleep(100);
        }
        boolean drained = System.nanoTime() - lastReply.get() >= TimeUnit.SECONDS.toNanos(2);
        double drainSeconds = Math.max(0, lastReply.get() - drainStart) / 1e9;

        System.out.printf(Locale.ROOT, "rate=%d sent=%d ok=%d errors=%d achieved=%.0f/s ack p50=%sms p99=%sms p999=%sms "
                        + "replies=%d (during load %d, then %.1fs to drain%s) client-lag p99=%.2fms max=%.2fms%s%n",
                rate, Math.max(0, sent.get() - unmeasured), count - errors.get(), errors.get() + (total - count), count / elapsed,
                percentile(sorted, 0.50), percentile(sorted, 0.99), percentile(sorted, 0.999),
                replies.get(), repliesDuringLoad, drainSeconds, drained ? "" : ", still arriving",
                answered == 0 ? Double.NaN : sortedLags[Math.min(answered - 1, (int) Math.ceil(0.99 * answered) - 1)] / 1e6,
                answered == 0 ? Double.NaN : sortedLags[answered - 1] / 1e6,
                finished ? "" : " (" + (total - count) + " unanswered after " + ackWait + " s more)");
        graph.close();
        vertx.close();
        System.exit(errors.get() == 0 && finished && replies.get() > 0 ? 0 : 1);
    }

    /** Meta's shape for one inbound text message, exactly as the Cloud API sends it. */
    static String notification(String phoneNumberId, String waId, String name, String messageId, String text, long sentAtSeconds) {
        JsonObject value = new JsonObject()
                .put("messaging_product", "whatsapp")
                .put("metadata", new JsonObject().put("display_phone_number", DISPLAY_NUMBER).put("phone_number_id", phoneNumberId))
                .put("contacts", new JsonArray().add(new JsonObject().put("profile", new JsonObject().put("name", name))
                        .put("wa_id", waId)))
                .put("messages", new JsonArray().add(new JsonObject().put("from", waId).put("id", messageId)
                        .put("timestamp", String.valueOf(sentAtSeconds)).put("type", "text")
                        .put("text", new JsonObject().put("body", text))));
        return new JsonObject().put("object", "whatsapp_business_account")
                .put("entry", new JsonArray().add(new JsonObject().put("id", BUSINESS_ACCOUNT)
                        .put("changes", new JsonArray().add(new JsonObject().put("field", "messages").put("value", value)))))
                .encode();
    }

    /** A UK mobile number in WhatsApp's form (country code, no plus): 4477009 followed by five digits. */
    static String waId(int sender) {
        return String.format(Locale.ROOT, "4477009%05d", sender % 100_000);
    }

    /** The Graph API's answer to a send: Meta's success body with a fresh wamid. */
    private static void answerGraph(HttpServerRequest request, Buffer body, AtomicLong replies, AtomicLong lastReply) {
        if (request.method() != HttpMethod.POST || !request.path().matches("/v[0-9.]+/[0-9]+/messages")) {
            request.response().setStatusCode(400).putHeader("Content-Type", "application/json")
                    .end("{\"error\":{\"message\":\"(#100) Unsupported post request\",\"type\":\"GraphMethodException\","
                            + "\"code\":100,\"error_subcode\":33}}");
            return;
        }
        String to;
        try {
            to = new JsonObject(body).getString("to", "");
        } catch (RuntimeException e) {
            to = "";
        }
        long n = replies.incrementAndGet();
        lastReply.set(System.nanoTime());
        String answer = new JsonObject().put("messaging_product", "whatsapp")
                .put("contacts", new JsonArray().add(new JsonObject().put("input", to).put("wa_id", to)))
                .put("messages", new JsonArray().add(new JsonObject().put("id", "wamid.HBgLBENCH" + Long.toHexString(n).toUpperCase(Locale.ROOT))))
                .encode();
        request.response().putHeader("Content-Type", "application/json").end(answer);
    }

    private static void usage() {
        System.err.println("usage: WhatsAppLoad URL RATE SECONDS SENDERS --graph-port PORT [--warmup SECONDS] [--drain SECONDS]"
                + " [--ack-wait SECONDS] [--app-secret SECRET] [--phone-number-id DIGITS]");
        System.exit(2);
    }

    /** @param sorted latencies times two, plus one where the latency is only a lower bound (unanswered) */
    private static String percentile(long[] sorted, double share) {
        if (sorted.length == 0) {
            return "NaN";
        }
        long value = sorted[Math.min(sorted.length - 1, (int) Math.ceil(share * sorted.length) - 1)];
        return String.format(Locale.ROOT, "%s%.2f", (value & 1) == 1 ? ">" : "", (value / 2) / 1e6);
    }

    /**
     * When each webhook is due, from the start: during the warm-up the rate climbs linearly from
     * a tenth of {@code rate} to {@code rate}, then stays at {@code rate}.
     */
    record Schedule(int rate, int warmupSeconds) {

        /** The webhooks of the warm-up: the area under the ramp. */
        long rampCount() {
            return Math.round((rate / 10.0 + rate) / 2 * warmupSeconds);
        }

        long dueNanos(long index) {
            long ramp = rampCount();
            if (index >= ramp) {
                return Math.round((warmupSeconds + (double) (index - ramp) / rate) * 1e9);
            }
            // index = r0 t + (r1 - r0) t^2 / (2 W), solved for t.
            double r0 = rate / 10.0;
            double a = (rate - r0) / (2.0 * warmupSeconds);
            return Math.round((-r0 + Math.sqrt(r0 * r0 + 4 * a * index)) / (2 * a) * 1e9);
        }
    }
}
