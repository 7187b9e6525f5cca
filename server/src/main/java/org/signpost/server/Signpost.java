package org.signpost.server;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.handler.StaticHandler;
import java.io.IOException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.signpost.connectors.web.http.LimitedBodyHandler;
import org.signpost.connectors.web.chat.ChatChannel;
import org.signpost.connectors.web.rest.RestChannel;
import org.signpost.connectors.web.transcript.TranscriptPublisher;
import org.signpost.connectors.voice.VoiceChannel;
import org.signpost.connectors.whatsapp.WhatsAppChannel;
import org.signpost.content.ContentException;
import org.signpost.content.ContentFiles;
import org.signpost.core.directory.AgeQuestionAction;
import org.signpost.core.directory.PostcodeLocalities;
import org.signpost.core.directory.SearchServicesAction;
import org.signpost.core.directory.Service;
import org.signpost.core.directory.ServiceCatalogReader;
import org.signpost.core.directory.ServiceDetailsAction;
import org.signpost.core.directory.ServiceNames;
import org.signpost.core.escalation.EscalateAction;
import org.signpost.core.feedback.RecordFeedbackAction;
import org.signpost.core.flow.Dialogue;
import org.signpost.core.flow.DialogueLoader;
import org.signpost.core.flow.FlowEngine;
import org.signpost.core.flow.SlotDefinition;
import org.signpost.core.handoff.Handoffs;
import org.signpost.core.referral.CreateReferralAction;
import org.signpost.core.referral.ReferralRouteAction;
import org.signpost.core.referral.ReferralStatusAction;
import org.signpost.core.referral.References;
import org.signpost.core.retention.Retention;
import org.signpost.core.safety.SafetyCategory;
import org.signpost.core.safety.SafetyRulesReader;
import org.signpost.core.safety.SafetyScreen;
import org.signpost.core.staff.Passwords;
import org.signpost.core.transcript.TranscriptListener;
import org.signpost.core.turn.BoundedTurns;
import org.signpost.core.turn.Interpreter;
import org.signpost.core.turn.TurnProcessor;
import org.signpost.dialogs.DialogContent;
import org.signpost.nlu.NluModel;
import org.signpost.nlu.NluSettings;
import org.signpost.nlu.data.RasaYamlReader;
import org.signpost.nlu.data.TrainingData;
import org.signpost.nlu.model.ModelCache;
import org.signpost.nlu.model.NluTrainer;
import org.signpost.server.console.ConsoleChannel;
import org.signpost.server.console.ConversationsApi;
import org.signpost.server.console.EscalationsApi;
import org.signpost.server.directory.ServicesApi;
import org.signpost.server.health.HealthApi;
import org.signpost.server.http.HttpErrors;
import org.signpost.server.nlu.CurrentModel;
import org.signpost.server.nlu.ModelApi;
import org.signpost.server.nlu.ModelTrainingApi;
import org.signpost.server.nlu.RasaInterpreter;
import org.signpost.server.referral.ReferralsApi;
import org.signpost.server.report.ReportsApi;
import org.signpost.server.staff.AuditApi;
import org.signpost.server.staff.StaffApi;
import org.signpost.server.staff.StaffAuth;
import org.signpost.server.voice.PhoneLine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place that wires Signpost together: content, NLU, engine, stores, channels and HTTP.
 * {@link #start} loads and validates all content and trains (or loads) the NLU model on a worker
 * thread, then listens; any content problem fails the returned future with a
 * {@link ContentException} naming file and line.
 */
public final class Signpost {

    private static final Logger LOG = LoggerFactory.getLogger(Signpost.class);
    static final String NLU_DATA = "nlu-data";
    /** Chat and console frames are small JSON objects; anything bigger is refused by the socket. */
    static final int MAX_FRAME_BYTES = 16 * 1024;
    /** One clock and one password hasher for everything wired here. */
    private static final Clock CLOCK = Clock.systemUTC();
    private static final Passwords PASSWORDS = new Passwords();

    private final Vertx vertx;
    private final HttpServers servers;
    private final Stores stores;
    private final WhatsAppChannel whatsapp;
    private final VoiceChannel phone;

    private Signpost(Vertx vertx, HttpServers servers, Stores stores, WhatsAppChannel whatsapp, VoiceChannel phone) {
        this.vertx = vertx;
        this.servers = servers;
        this.stores = stores;
        this.whatsapp = whatsapp;
        this.phone = phone;
    }

    /** What start-up loads on a worker thread: validated content, the NLU model and the stores. */
    private record Content(CurrentModel model, Function<TrainingData, NluModel> trainer, Dialogue dialogue,
            SafetyScreen safety, PostcodeLocalities places, Stores stores, List<Service> directory) {
    }

    public static Future<Signpost> start(Vertx vertx, ServerConfig config) {
        Objects.requireNonNull(vertx, "vertx");
        Objects.requireNonNull(config, "config");
        return vertx.executeBlocking(() -> content(vertx, config)).compose(content -> {
            Interpreter nlu = config.rasaUrl()
                    .<Interpreter>map(url -> new RasaInterpreter(WebClient.create(vertx), url, config.rasaTimeoutMillis(),
                            content.model()))
                    .orElse(content.model());
            config.rasaUrl().ifPresent(url -> LOG.info("Messages are parsed by Rasa at {} (the local model stands in)", url));
            // A postcode stands for its locality when no place was named.
            Interpreter interpreter = text -> nlu.parse(text).map(content.places()::enrich);
            Stores stores = content.stores();
            TranscriptListener published = new TranscriptPublisher(stores.replies());
            TurnProcessor processor = new TurnProcessor(interpreter, content.safety(), new FlowEngine(content.dialogue()),
                    stores.trackers(), stores.lock(), CLOCK, published);
            WhatsAppChannel whatsapp = config.whatsapp()
                    .map(settings -> WhatsAppChannel.on(vertx, settings, processor, stores.trackers(), stores.lock(), stores.inbox(),
                            stores.outbox(), stores.escalations(), content.dialogue().responses(), CLOCK))
                    .orElseGet(WhatsAppChannel::off);
            // Turns answer WhatsApp users themselves; what navigators say is carried to them from here.
            TranscriptListener navigatorLines = whatsapp.navigatorLines();
            Handoffs handoffs = new Handoffs(stores.trackers(), stores.lock(), stores.escalations(), (id, lines) -> {
                published.appended(id, lines);
                navigatorLines.appended(id, lines);
            }, CLOCK);
            Router router = router(vertx, config, content, interpreter, processor, handoffs, whatsapp);
            HttpServerOptions options = new HttpServerOptions()
                    .setPort(config.port())
                    .setHost(config.host())
                    .setCompressionSupported(true)
                    // Chat frames are a few hundred bytes, and the deflate contexts kept for every open
                    // socket that browsers ask for cost about 90 KiB a socket (docs/benchmarks.md).
                    .setPerMessageWebSocketCompressionSupported(false)
                    .setPerFrameWebSocketCompressionSupported(false)
                    .setMaxWebSocketFrameSize(MAX_FRAME_BYTES)
                    .setMaxWebSocketMessageSize(MAX_FRAME_BYTES)
                    // Chat and console sockets send a keep-alive ping well within this.
                    .setIdleTimeout(60)
                    .setMaxInitialLineLength(8 * 1024)
                    .setMaxHeaderSize(16 * 1024);
            return HttpServers.listen(vertx, options, router, HttpServers.eventLoops())
                    .compose(servers -> whatsapp.start().map(started -> {
                        scheduleRetention(vertx, config, stores);
                        if (whatsapp.isOn()) {
                            LOG.info("WhatsApp channel on at {} for {}", WhatsAppChannel.PATH, config.whatsapp().orElseThrow());
                        } else {
                            LOG.info("WhatsApp channel off: set WHATSAPP_VERIFY_TOKEN, WHATSAPP_APP_SECRET, WHATSAPP_ACCESS_TOKEN "
                                    + "and WHATSAPP_PHONE_NUMBER_ID to turn it on");
                        }
                        return servers;
                    }))
                    .compose(servers -> vertx.executeBlocking(() -> {
                        // Binding the FastAGI port and finding the synthesiser block: a worker's job.
                        VoiceChannel phone = PhoneLine.of(config.voice(), vertx, processor, stores.trackers(),
                                stores.escalations(), handoffs, content.dialogue(), content.directory());
                        try {
                            phone.start();
                        } catch (IOException | RuntimeException e) {
                            phone.stop();
                            throw e;
                        }
                        if (phone.isOn()) {
                            LOG.info("Phone line on: {}", phone);
                        }
                        return new Signpost(vertx, servers, stores, whatsapp, phone);
                    }).onFailure(failure -> {
                        whatsapp.stop();
                        servers.close(vertx);
                    }))
                    .onFailure(failure -> closeStores(vertx, stores));
        });
    }

    /** Loads content, the NLU model and the stores. Blocking: runs on a worker thread. */
    private static Content content(Vertx vertx, ServerConfig config) {
        ClassLoader loader = Signpost.class.getClassLoader();
        List<Service> seed = ServiceCatalogReader.read(DialogContent.directory());
        // Services are recognised by the names the directory gives them, typos and all.
        TrainingData services = ServiceNames.trainingData(seed);
        TrainingData data = TrainingData.merge(List.of(
                new RasaYamlReader().read(ContentFiles.fromClasspath(NLU_DATA, loader, ".yml", ".yaml")), services));
        NluTrainer trainer = new NluTrainer(Optional.of(new ModelCache(config.modelDirectory())));
        NluSettings settings = NluSettings.DEFAULTS.withFallbackThreshold(config.fallbackThreshold());
        if (!trainer.isCached(data, settings)) {
            LOG.info("Training the NLU model on {} examples (this happens once per change of training data)",
                    data.examples().size());
        }
        CurrentModel model = new CurrentModel(trainer.train(data, settings));

        Stores stores = Stores.open(vertx, config, seed);
        try {
            Dialogue dialogue = new DialogueLoader(model.get().intents(), data.entityTypes(), List.of(
                    new SearchServicesAction(stores.directory(), stores.gaps()),
                    new ServiceDetailsAction(stores.directory(), ServiceDetailsAction.Question.INFO),
                    new ServiceDetailsAction(stores.directory(), ServiceDetailsAction.Question.AVAILABILITY),
                    new AgeQuestionAction(stores.directory()),
                    new ReferralRouteAction(stores.directory()),
                    new CreateReferralAction(stores.directory(), stores.referrals(), new References()),
                    new ReferralStatusAction(stores.referrals()),
                    new RecordFeedbackAction(stores.feedback()),
                    new EscalateAction(stores.escalations())))
                    .load(DialogContent.dialogue());
            ServiceCatalogReader.checkVocabulary(seed, slotValues(dialogue, "service_category"), slotValues(dialogue, "locality"));
            PostcodeLocalities places = PostcodeLocalities.read(DialogContent.places(), Set.copyOf(slotValues(dialogue, "locality")));
            SafetyScreen safety = new SafetyScreen(SafetyRulesReader.read(DialogContent.safety()));
            for (SafetyCategory category : SafetyCategory.values()) {
                if (dialogue.flowFor(category.intent()).isEmpty()) {
                    throw new ContentException("dialogs", 0, "no flow handles the safety category " + category.id()
                            + " (a flow with intents: [" + category.intent() + "])");
                }
            }
            firstAdmin(config, stores);
            LOG.info("Loaded {} flows, {} services and an NLU model of {} intents; stores: {}",
                    dialogue.flows().size(), seed.size(), model.get().intents().size(), stores.description());
            return new Content(model, next -> trainer.train(TrainingData.merge(List.of(next, services)), settings), dialogue,
                    safety, places, stores, seed);
        } catch (RuntimeException e) {
            stores.close();
            throw e;
        }
    }

    private static void firstAdmin(ServerConfig config, Stores stores) {
        if (config.adminUser().isEmpty()) {
            LOG.info("No first admin configured: set SIGNPOST_ADMIN_USER and SIGNPOST_ADMIN_PASSWORD to sign in to /api");
            return;
        }
        boolean created = StaffAuth.ensureAdmin(stores.staff(), PASSWORDS, config.adminUser().get(),
                config.adminPassword().orElseThrow()).toCompletionStage().toCompletableFuture().join();
        if (created) {
            LOG.info("Created the first admin account from SIGNPOST_ADMIN_USER");
        }
    }

    private static Router router(Vertx vertx, ServerConfig config, Content content, Interpreter interpreter,
            TurnProcessor processor, Handoffs handoffs, WhatsAppChannel whatsapp) {
        Stores stores = content.stores();
        Router router = Router.router(vertx);
        // Body handlers go on each route, not on a catch-all: a catch-all would match every path
        // and turn a request for a path that does not exist into a 405 instead of a 404.
        LimitedBodyHandler bodies = LimitedBodyHandler.json(config.bodyLimit());
        // One bound for both channels whose senders wait for the answer: they share the instance.
        BoundedTurns waited = new BoundedTurns(processor, config.maxTurnsInFlight());
        List<HealthApi.Check> checks = new ArrayList<>(List.of(
                new HealthApi.Check("nlu", () -> Future.succeededFuture(content.model().get().intents().size() + " intents")),
                new HealthApi.Check("stores", () -> Future.succeededFuture(stores.description())),
                new HealthApi.Check("escalation_queue", () -> stores.escalations().waiting().map(w -> w.size() + " waiting")),
                // Always ready: a busy instance still answers what it can, and refuses the rest itself.
                new HealthApi.Check("turns", () -> Future.succeededFuture(waited.underWay() + " under way of at most "
                        + config.maxTurnsInFlight() + ", " + waited.refused() + " refused since start"))));
        checks.add(new HealthApi.Check("mongodb", () -> stores.mongo().ping()));
        stores.journal().ifPresent(journal -> checks.add(new HealthApi.Check("conversation_journal", journal::status)));
        stores.redis().ifPresent(redis -> checks.add(new HealthApi.Check("redis", () -> redis.ping().map(pong -> "answers"))));
        new HealthApi(checks).mount(router);
        new RestChannel(waited).mount(router, bodies);
        whatsapp.mount(router, bodies, LimitedBodyHandler::bytes);
        new ChatChannel(vertx, waited, stores.trackers(), stores.replies(),
                config.chat()).mount(router);
        new ModelApi(interpreter).mount(router, bodies);
        new ModelTrainingApi(vertx, content.model(), content.trainer(), content.dialogue().intentsUsed(),
                content.dialogue().entityTypesUsed(), config.modelToken())
                .mount(router, LimitedBodyHandler.yaml(config.trainingBodyLimit()));

        StaffAuth auth = new StaffAuth(vertx, stores.staff(), PASSWORDS, stores.signIns(),
                config.jwtSecret().orElseGet(Signpost::ephemeralSecret));
        auth.mount(router, bodies);
        new StaffApi(vertx, stores.staff(), PASSWORDS, stores.audit(), CLOCK).mount(router, bodies);
        new EscalationsApi(stores.escalations(), handoffs, stores.audit(), CLOCK).mount(router);
        new ConversationsApi(stores.trackers(), handoffs, stores.audit(), CLOCK).mount(router, bodies);
        new ConsoleChannel(vertx, auth, stores.escalations(), stores.replies(), CLOCK).mount(router);
        new ServicesApi(stores.directory(), stores.audit(), CLOCK, slotValues(content.dialogue(), "service_category"),
                slotValues(content.dialogue(), "locality")).mount(router, bodies);
        new ReferralsApi(stores.referrals(), stores.audit(), CLOCK).mount(router, bodies);
        new ReportsApi(stores.trackers(), stores.referrals(), stores.gaps(), stores.feedback(), stores.escalations())
                .mount(router);
        new AuditApi(stores.audit()).mount(router);

        // Only named pages: a catch-all static route would turn every wrong method into a 404.
        router.get("/").handler(StaticHandler.create("webroot").setIndexPage("index.html"));
        // A StaticHandler on an exact path answers 301 to "/widget.js/": send the file itself.
        router.get("/widget.js").handler(context -> context.response()
                .putHeader("Content-Type", "text/javascript; charset=utf-8").sendFile("webroot/widget.js"));
        // Exactly "/console": a plain route for it also matches "/console/" and would redirect that to itself.
        router.getWithRegex("/console").handler(context -> context.redirect("/console/"));
        router.get("/console/*").handler(StaticHandler.create("webroot/console").setIndexPage("index.html"));
        router.get("/openapi.yaml").handler(context -> context.response()
                .putHeader("Content-Type", "application/yaml").sendFile("webroot/openapi.yaml"));
        HttpErrors.install(router);
        return router;
    }

    /** Retention runs a minute after start and then every six hours; it logs counts only. */
    private static void scheduleRetention(Vertx vertx, ServerConfig config, Stores stores) {
        Retention retention = new Retention(stores.trackers(), stores.referrals(),
                Duration.ofDays(config.transcriptRetentionDays()),
                Duration.ofDays(config.referralRetentionDays()), CLOCK);
        Runnable run = () -> retention.run()
                .onSuccess(result -> {
                    if (result.transcripts() + result.referrals() > 0) {
                        LOG.info("Retention deleted {} conversations and {} referrals", result.transcripts(), result.referrals());
                    }
                })
                .onFailure(failure -> LOG.warn("Retention could not run: {}", failure.getMessage()));
        vertx.setTimer(60_000, first -> run.run());
        vertx.setPeriodic(60_000 + 6 * 3_600_000L, 6 * 3_600_000L, every -> run.run());
    }

    /** Without a configured secret, tokens are signed with a random one and end with the process. */
    private static String ephemeralSecret() {
        LOG.warn("SIGNPOST_JWT_SECRET is not set: staff tokens will stop working when the server restarts");
        byte[] secret = new byte[48];
        new SecureRandom().nextBytes(secret);
        return Base64.getEncoder().encodeToString(secret);
    }

    private static List<String> slotValues(Dialogue dialogue, String slot) {
        return dialogue.slot(slot).map(SlotDefinition::values)
                .orElseThrow(() -> new ContentException("dialogs", 0, "the directory needs the slot '" + slot + "'"));
    }

    private static void stopQuietly(String part, Runnable stop) {
        try {
            stop.run();
        } catch (RuntimeException e) {
            LOG.warn("Stopping {} failed ({}); shutting down the rest", part, e.getClass().getName());
        }
    }

    /** The port the server listens on (useful when configured with 0). */
    public int port() {
        return servers.port();
    }

    /** The stores, for tests that check what a conversation left behind. */
    Stores stores() {
        return stores;
    }

    public Future<Void> close() {
        // Each part is closed whatever the others do: a failure is logged, and shutdown goes on.
        stopQuietly("the WhatsApp channel", whatsapp::stop);
        stopQuietly("the phone line", phone::stop);
        return servers.close(vertx).eventually(() -> closeStores(vertx, stores));
    }

    /**
     * On a worker: closing blocks until connections are closed, and a Redis connection lives on
     * an event loop (perhaps the calling one), which must stay free to close it.
     */
    private static Future<Void> closeStores(Vertx vertx, Stores stores) {
        return vertx.executeBlocking(() -> {
            stores.close();
            return null;
        });
    }
}
