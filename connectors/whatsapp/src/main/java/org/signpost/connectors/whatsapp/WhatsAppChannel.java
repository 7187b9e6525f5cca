package org.signpost.connectors.whatsapp;

import io.netty.handler.codec.http.HttpResponseStatus;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.signpost.connectors.whatsapp.inbound.Intake;
import org.signpost.connectors.whatsapp.outbound.NavigatorRelay;
import org.signpost.connectors.whatsapp.outbound.Renderer;
import org.signpost.connectors.whatsapp.outbound.Replies;
import org.signpost.connectors.whatsapp.outbound.Sender;
import org.signpost.connectors.whatsapp.webhook.Acknowledgements;
import org.signpost.connectors.whatsapp.webhook.Notification;
import org.signpost.connectors.whatsapp.webhook.Signature;
import org.signpost.connectors.whatsapp.webhook.StatusReport;
import org.signpost.connectors.whatsapp.webhook.WebhookParser;
import org.signpost.content.ContentException;
import org.signpost.core.conversation.ConversationLock;
import org.signpost.core.conversation.TrackerStore;
import org.signpost.core.delivery.Inbox;
import org.signpost.core.delivery.OutboundMessage;
import org.signpost.core.delivery.Outbox;
import org.signpost.core.escalation.Escalation;
import org.signpost.core.escalation.EscalationQueue;
import org.signpost.core.escalation.Priority;
import org.signpost.core.message.Channel;
import org.signpost.core.response.ResponseCatalog;
import org.signpost.core.transcript.TranscriptListener;
import org.signpost.core.turn.TurnProcessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The WhatsApp Business Cloud API channel: {@code GET /webhooks/whatsapp} answers Meta's
 * subscription check, {@code POST /webhooks/whatsapp} takes signed notifications (messages in
 * exactly once, delivery reports recorded), and replies, navigators' lines included, go out
 * through the outbox. Without settings the channel is off and its endpoints say so.
 */
public final class WhatsAppChannel {

    private static final Logger LOG = LoggerFactory.getLogger(WhatsAppChannel.class);
    public static final String PATH = "/webhooks/whatsapp";
    /** Handled message ids are remembered this long: Meta re-delivers for up to 7 days. */
    static final Duration REMEMBER_IDS = Duration.ofDays(14);
    static final Duration KEEP_SENT = Duration.ofDays(30);
    /**
     * How often, and how far apart, a failure report about a message not known yet is looked for
     * again: three seconds in all, well within Meta's patience with a webhook, and far longer than
     * a send's answer takes to be recorded.
     */
    static final int UNKNOWN_FAILURE_LOOKS = 30;
    static final Duration UNKNOWN_FAILURE_PAUSE = Duration.ofMillis(100);
    /** The responses the channel needs from the dialog content. */
    public static final Set<String> RESPONSES = union(Intake.RESPONSES, NavigatorRelay.RESPONSES);

    private final Optional<Running> running;
    /** The daily clearing of old ids and sent messages, once started. */
    private long housekeeping = -1;

    private record Running(Vertx vertx, WhatsAppSettings settings, Signature signature, WebhookParser parser, Intake intake, Sender sender,
            Outbox outbox, Inbox inbox, NavigatorRelay relay, EscalationQueue escalations, Clock clock) {
    }

    private WhatsAppChannel(Optional<Running> running) {
        this.running = running;
    }

    /** The channel when WhatsApp is not configured: its endpoints answer 404 saying how to turn it on. */
    public static WhatsAppChannel off() {
        return new WhatsAppChannel(Optional.empty());
    }

    /**
     * The channel for {@code settings}. Fails with a {@link ContentException} when the dialog
     * content lacks a response the channel says ({@link #RESPONSES}).
     */
    public static WhatsAppChannel on(Vertx vertx, WhatsAppSettings settings, TurnProcessor processor, TrackerStore trackers,
            ConversationLock lock, Inbox inbox, Outbox outbox, EscalationQueue escalations, ResponseCatalog responses,
            Clock clock) {
        for (String response : RESPONSES) {
            if (!responses.contains(response)) {
                throw new ContentException("dialogs", 0, "the WhatsApp channel needs the response '" + response + "'");
            }
        }
        Acknowledgements acknowledgements = new Acknowledgements(vertx);
        Sender sender = new Sender(vertx, outbox, inbox, lock, settings, clock, new Sender.Navigators() {
            @Override
            public void refused(OutboundMessage message, String reason) {
                surface(escalations, clock, message, Priority.URGENT, "A WhatsApp message could not be delivered (" + reason + ")");
            }

            @Override
            public void windowClosed(OutboundMessage message, String reason) {
                surface(escalations, clock, message, Priority.ROUTINE, "Replies on WhatsApp wait until the person writes again: "
                        + "they have not written for 24 hours, and a template has asked them to (" + reason + ")");
            }
        }, acknowledgements);
        Replies replies = new Replies(outbox, new Renderer(), sender, clock);
        Intake intake = new Intake(vertx, inbox, outbox, lock, processor, trackers, replies, responses, settings.settleTime(), clock,
                acknowledgements);
        return new WhatsAppChannel(Optional.of(new Running(vertx, settings, new Signature(settings.appSecret()),
                new WebhookParser(settings.phoneNumberId()), intake, sender, outbox, inbox,
                new NavigatorRelay(replies, responses), escalations, clock)));
    }

    public boolean isOn() {
        return running.isPresent();
    }

    /** Hears navigators' lines for WhatsApp conversations; nothing when the channel is off. */
    public TranscriptListener navigatorLines() {
        return running.<TranscriptListener>map(Running::relay).orElse(TranscriptListener.NONE);
    }

    /**
     * @param body reads the request body (JSON, size-limited) before the webhook sees it
     * @param bytes the body that {@code body} read, as received: the signature covers exact bytes
     */
    public void mount(Router router, Handler<RoutingContext> body, Function<RoutingContext, Buffer> bytes) {
        router.get(PATH).handler(this::requireOn).handler(this::verify);
        router.post(PATH).handler(this::requireOn).handler(body).handler(context -> notified(context, bytes.apply(context)));
    }

    /** Starts sending and picks up what an earlier run left: messages not yet handled, replies not yet sent. */
    public Future<Void> start() {
        if (running.isEmpty()) {
            return Future.succeededFuture();
        }
        Running on = running.get();
        on.sender().start();
        housekeeping = on.vertx().setPeriodic(60_000, Duration.ofDays(1).toMillis(), tick -> forgetOld(on));
        return on.intake().recover().map(senders -> {
            if (senders > 0) {
                LOG.info("WhatsApp: picking up the unhandled messages of {} people", senders);
            }
            return null;
        });
    }

    public void stop() {
        running.ifPresent(on -> {
            on.sender().stop();
            on.vertx().cancelTimer(housekeeping);
        });
    }

    private void requireOn(RoutingContext context) {
        if (running.isEmpty()) {
            context.fail(new HttpException(HttpResponseStatus.NOT_FOUND.code(), "the WhatsApp channel is off: set WHATSAPP_VERIFY_TOKEN, "
                    + "WHATSAPP_APP_SECRET, WHATSAPP_ACCESS_TOKEN and WHATSAPP_PHONE_NUMBER_ID to turn it on"));
            return;
        }
        context.next();
    }

    /** Meta's subscription check: the challenge back when the token matches. */
    private void verify(RoutingContext context) {
        String mode = context.request().getParam("hub.mode");
        String token = context.request().getParam("hub.verify_token");
        String challenge = context.request().getParam("hub.challenge");
        if (mode == null || token == null || challenge == null) {
            context.fail(new HttpException(400, "a verification request has hub.mode, hub.verify_token and hub.challenge"));
        } else if (!mode.equals("subscribe") || !constantTimeEquals(token, running.get().settings().verifyToken())) {
            context.fail(new HttpException(403, "the verify token does not match WHATSAPP_VERIFY_TOKEN"));
        } else {
            context.response().putHeader("Content-Type", "text/plain; charset=utf-8").end(challenge);
        }
    }

    private void notified(RoutingContext context, Buffer body) {
        Running on = running.get();
        String header = context.request().getHeader(Signature.HEADER);
        if (header == null) {
            context.fail(new HttpException(401, "the " + Signature.HEADER + " header is missing"));
            return;
        }
        if (!on.signature().verifies(body.getBytes(), header)) {
            context.fail(new HttpException(401, "the " + Signature.HEADER + " signature does not match the body"));
            return;
        }
        Notification notification = on.parser().parse(body);
        // Acknowledged only once everything is kept: a failure here gets Meta to deliver again.
        Future.all(on.intake().receive(notification.messages()), reports(on, notification.statuses()))
                .onSuccess(done -> context.response().putHeader("Content-Type", "application/json").end("{\"status\":\"received\"}"))
                .onFailure(context::fail);
    }

    private static Future<Void> reports(Running on, List<StatusReport> statuses) {
        List<Future<Void>> recorded = new ArrayList<>();
        for (StatusReport status : statuses) {
            recorded.add(report(on, status, UNKNOWN_FAILURE_LOOKS).compose(known -> {
                if (known.isEmpty() || !status.failed()) {
                    return Future.succeededFuture();
                }
                OutboundMessage message = known.get();
                if (status.errorCode() == 131047) {
                    // Meta found the 24-hour window closed after all: keep it for when the person writes.
                    return on.sender().holdAndReopen(message, status.error());
                }
                return on.outbox().failed(message.id(), status.error(), on.clock().instant())
                        .onSuccess(done -> surface(on.escalations(), on.clock(), message, Priority.URGENT,
                                "A WhatsApp message could not be delivered (" + status.error() + ")"));
            }));
        }
        return Future.all(recorded).mapEmpty();
    }

    /**
     * Records {@code status}; answers its message when it is ours and the report is new. A failure
     * report can arrive before the sender has recorded the message's id (Meta answers the send and
     * reports on it at about the same time), so one about a message not known yet is looked for
     * again for a while before it is taken as about a message not ours: dropped, a closed window
     * would never be reopened. Other reports are only recorded, so they are not waited for.
     */
    private static Future<Optional<OutboundMessage>> report(Running on, StatusReport status, int looksLeft) {
        return on.outbox().report(status.messageId(), status.status(), status.at(), status.error()).compose(known -> {
            if (known.isPresent() || !status.failed() || looksLeft <= 1) {
                return Future.succeededFuture(known);
            }
            Promise<Void> later = Promise.promise();
            on.vertx().setTimer(UNKNOWN_FAILURE_PAUSE.toMillis(), timer -> later.complete());
            return later.future().compose(waited -> report(on, status, looksLeft - 1));
        });
    }

    /** A message that will not arrive (now, or ever) is put before navigators, who can reach the person another way. */
    private static void surface(EscalationQueue escalations, Clock clock, OutboundMessage message, Priority priority, String reason) {
        escalations.add(new Escalation("undelivered-" + Integer.toHexString(message.id().hashCode()) + "-" + clock.millis(),
                        message.conversationId(), Channel.WHATSAPP, reason, priority, clock.instant(), Map.of()))
                .onFailure(failure -> LOG.error("An undelivered WhatsApp message could not be shown to navigators: {}", failure.getMessage()));
    }

    private static void forgetOld(Running on) {
        on.inbox().forgetHandledBefore(on.clock().instant().minus(REMEMBER_IDS))
                .compose(ids -> on.outbox().forgetFinishedBefore(on.clock().instant().minus(KEEP_SENT)))
                .onFailure(failure -> LOG.warn("Old WhatsApp records could not be cleared: {}", failure.getMessage()));
    }

    private static boolean constantTimeEquals(String given, String expected) {
        return MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8),
                expected.getBytes(StandardCharsets.UTF_8));
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new HashSet<>(a);
        all.addAll(b);
        return Set.copyOf(all);
    }
}
