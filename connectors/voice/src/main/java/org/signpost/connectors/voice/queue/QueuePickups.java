package org.signpost.connectors.voice.queue;

import io.vertx.core.Vertx;
import java.util.Objects;
import org.asteriskjava.manager.ManagerConnection;
import org.asteriskjava.manager.ManagerConnectionFactory;
import org.asteriskjava.manager.ManagerConnectionState;
import org.asteriskjava.manager.event.AgentConnectEvent;
import org.asteriskjava.manager.event.ManagerEvent;
import org.signpost.connectors.voice.call.CallScript;
import org.signpost.core.conversation.Conversations;
import org.signpost.core.escalation.Claim;
import org.signpost.core.escalation.EscalationQueue;
import org.signpost.core.handoff.Handoffs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hears over Asterisk's Manager Interface when a navigator answers a caller waiting in the
 * navigators' queue ({@code AgentConnect}), and claims the call's escalation for them, so the
 * console shows it taken rather than still waiting. The queue member's name is the navigator's
 * name in the console: name members after staff accounts ({@code member => PJSIP/nina,0,nina}).
 *
 * <p>Connecting is tried again every {@link #RETRY_MILLIS} until it works; once logged in,
 * Asterisk-Java reconnects by itself. Without AMI the phone line works the same, and navigators
 * claim phone escalations in the console.
 */
public final class QueuePickups {

    static final long RETRY_MILLIS = 30_000;
    private static final Logger LOG = LoggerFactory.getLogger(QueuePickups.class);

    private final AmiSettings settings;
    private final String queue;
    private final Vertx vertx;
    private final EscalationQueue escalations;
    private final Handoffs handoffs;
    private final ManagerConnection connection;
    private volatile boolean stopped;
    private Thread connector;

    public QueuePickups(AmiSettings settings, String queue, Vertx vertx, EscalationQueue escalations, Handoffs handoffs) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.queue = Objects.requireNonNull(queue, "queue");
        this.vertx = Objects.requireNonNull(vertx, "vertx");
        this.escalations = Objects.requireNonNull(escalations, "escalations");
        this.handoffs = Objects.requireNonNull(handoffs, "handoffs");
        this.connection = new ManagerConnectionFactory(settings.host(), settings.port(), settings.user(), settings.secret())
                .createManagerConnection();
        connection.addEventListener(this::heard);
    }

    /** Logs in on a thread of its own, trying again until it works or {@link #stop} is called. */
    public synchronized void start() {
        if (connector != null) {
            return;
        }
        connector = new Thread(this::connect, "ami-connect");
        connector.setDaemon(true);
        connector.start();
    }

    private void connect() {
        while (!stopped) {
            try {
                connection.login();
                if (stopped) {
                    // Stopped while logging in: stop() found nothing to log off.
                    logOff();
                    return;
                }
                LOG.info("Listening to the navigators' queue over AMI at {}", settings);
                return;
            } catch (Exception e) {
                LOG.warn("AMI at {} not reachable ({}): trying again in {} s", settings, e.getMessage(), RETRY_MILLIS / 1000);
            }
            try {
                Thread.sleep(RETRY_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    public boolean isConnected() {
        return connection.getState() == ManagerConnectionState.CONNECTED;
    }

    private void heard(ManagerEvent event) {
        if (event instanceof AgentConnectEvent connect && queue.equals(connect.getQueue()) && connect.getUniqueId() != null) {
            String member = connect.getMemberName() == null || connect.getMemberName().isBlank()
                    ? connect.getInterface() : connect.getMemberName();
            vertx.runOnContext(ignored -> pickedUp(CallScript.conversationId(connect.getUniqueId()), member));
        }
    }

    private void pickedUp(String conversationId, String navigator) {
        String reference = Conversations.reference(conversationId);
        escalations.waiting()
                .map(waiting -> waiting.stream().filter(escalation -> escalation.conversationId().equals(conversationId))
                        .findFirst())
                .compose(escalation -> escalation.isEmpty() ? io.vertx.core.Future.succeededFuture((Claim) null)
                        : handoffs.claim(escalation.get().id(), navigator))
                .onSuccess(claim -> {
                    if (claim != null) {
                        LOG.info("Call {} answered from the queue by a navigator: escalation {}", reference,
                                claim.outcome().name().toLowerCase(java.util.Locale.ROOT));
                    }
                })
                .onFailure(failure -> LOG.warn("Call {} answered from the queue, but its escalation could not be claimed: {}",
                        reference, failure.getMessage()));
    }

    /** Stops trying to connect, and logs off. Never fails: it runs while the server shuts down. */
    public synchronized void stop() {
        stopped = true;
        if (connector != null) {
            connector.interrupt();
        }
        logOff();
    }

    private void logOff() {
        try {
            if (isConnected()) {
                connection.logoff();
            }
        } catch (RuntimeException e) {
            LOG.warn("Logging off AMI at {} failed: {}", settings, e.getClass().getName());
        }
    }
}
