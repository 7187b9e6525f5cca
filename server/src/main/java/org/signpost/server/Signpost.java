package org.signpost.server;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.handler.StaticHandler;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.signpost.connectors.web.http.LimitedBodyHandler;
import org.signpost.connectors.web.rest.RestChannel;
import org.signpost.content.ContentException;
import org.signpost.content.ContentFiles;
import org.signpost.core.conversation.InMemoryConversationLock;
import org.signpost.core.conversation.InMemoryTrackerStore;
import org.signpost.core.directory.InMemoryServiceDirectory;
import org.signpost.core.directory.PostcodeLocalities;
import org.signpost.core.directory.SearchServicesAction;
import org.signpost.core.directory.Service;
import org.signpost.core.directory.ServiceCatalogReader;
import org.signpost.core.directory.ServiceDetailsAction;
import org.signpost.core.escalation.EscalateAction;
import org.signpost.core.feedback.FeedbackLog;
import org.signpost.core.feedback.InMemoryFeedbackLog;
import org.signpost.core.feedback.RecordFeedbackAction;
import org.signpost.core.gap.CapacityGapLog;
import org.signpost.core.referral.CreateReferralAction;
import org.signpost.core.referral.InMemoryReferralStore;
import org.signpost.core.referral.ReferralRouteAction;
import org.signpost.core.referral.ReferralStatusAction;
import org.signpost.core.referral.ReferralStore;
import org.signpost.core.referral.References;
import org.signpost.core.gap.InMemoryCapacityGapLog;
import org.signpost.core.escalation.EscalationQueue;
import org.signpost.core.escalation.InMemoryEscalationQueue;
import org.signpost.core.flow.Dialogue;
import org.signpost.core.flow.DialogueLoader;
import org.signpost.core.flow.FlowEngine;
import org.signpost.core.flow.SlotDefinition;
import org.signpost.core.safety.SafetyCategory;
import org.signpost.core.safety.SafetyRulesReader;
import org.signpost.core.safety.SafetyScreen;
import org.signpost.core.turn.Interpreter;
import org.signpost.core.turn.TurnProcessor;
import org.signpost.dialogs.DialogContent;
import org.signpost.nlu.NluModel;
import org.signpost.nlu.NluSettings;
import org.signpost.nlu.data.LookupTable;
import org.signpost.nlu.data.RasaYamlReader;
import org.signpost.nlu.data.TrainingData;
import org.signpost.nlu.model.ModelCache;
import org.signpost.nlu.model.NluTrainer;
import org.signpost.server.health.HealthApi;
import org.signpost.server.http.HttpErrors;
import org.signpost.server.nlu.CurrentModel;
import org.signpost.server.nlu.ModelApi;
import org.signpost.server.nlu.ModelTrainingApi;
import org.signpost.server.nlu.RasaInterpreter;
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

    private final HttpServer server;
    private final Engine engine;

    private Signpost(HttpServer server, Engine engine) {
        this.server = server;
        this.engine = engine;
    }

    /** The parts of a running Signpost that do not depend on HTTP. */
    record Engine(CurrentModel model, Function<TrainingData, NluModel> trainer, Interpreter interpreter,
            TurnProcessor processor, EscalationQueue escalations, CapacityGapLog gaps, ReferralStore referrals,
            FeedbackLog feedback, Dialogue dialogue) {
    }

    /** What start-up loads on a worker thread: validated content and the NLU model. */
    private record Content(CurrentModel model, Function<TrainingData, NluModel> trainer, EscalationQueue escalations,
            CapacityGapLog gaps, ReferralStore referrals, FeedbackLog feedback, Dialogue dialogue, SafetyScreen safety,
            PostcodeLocalities places) {
    }

    public static Future<Signpost> start(Vertx vertx, ServerConfig config) {
        Objects.requireNonNull(vertx, "vertx");
        Objects.requireNonNull(config, "config");
        return vertx.executeBlocking(() -> content(config)).compose(content -> {
            Interpreter nlu = config.rasaUrl()
                    .<Interpreter>map(url -> new RasaInterpreter(WebClient.create(vertx), url, config.rasaTimeoutMillis(),
                            content.model()))
                    .orElse(content.model());
            // A postcode stands for its locality when no place was named.
            Interpreter interpreter = text -> nlu.parse(text).map(content.places()::enrich);
            config.rasaUrl().ifPresent(url -> LOG.info("Messages are parsed by Rasa at {} (the local model stands in)", url));
            TurnProcessor processor = new TurnProcessor(interpreter, content.safety(), new FlowEngine(content.dialogue()),
                    new InMemoryTrackerStore(), new InMemoryConversationLock(), Clock.systemUTC());
            Engine engine = new Engine(content.model(), content.trainer(), interpreter, processor, content.escalations(),
                    content.gaps(), content.referrals(), content.feedback(), content.dialogue());
            Router router = router(vertx, config, engine);
            HttpServerOptions options = new HttpServerOptions()
                    .setPort(config.port())
                    .setHost(config.host())
                    .setIdleTimeout(60)
                    .setMaxInitialLineLength(8 * 1024)
                    .setMaxHeaderSize(16 * 1024);
            return vertx.createHttpServer(options).requestHandler(router).listen()
                    .map(server -> new Signpost(server, engine));
        });
    }

    /** Loads content and the NLU model. Blocking: runs on a worker thread. */
    private static Content content(ServerConfig config) {
        ClassLoader loader = Signpost.class.getClassLoader();
        List<Service> seed = ServiceCatalogReader.read(DialogContent.directory());
        // Services are recognised by the names the directory gives them, typos and all.
        LookupTable services = new LookupTable("service", seed.stream().map(Service::name).toList());
        TrainingData data = new RasaYamlReader().read(ContentFiles.fromClasspath(NLU_DATA, loader, ".yml", ".yaml"))
                .withLookup(services);
        NluTrainer trainer = new NluTrainer(Optional.of(new ModelCache(config.dataDirectory().resolve("models"))));
        NluSettings settings = NluSettings.DEFAULTS.withFallbackThreshold(config.fallbackThreshold());
        if (!trainer.isCached(data, settings)) {
            LOG.info("Training the NLU model on {} examples (this happens once per change of training data)",
                    data.examples().size());
        }
        CurrentModel model = new CurrentModel(trainer.train(data, settings));

        EscalationQueue escalations = new InMemoryEscalationQueue();
        CapacityGapLog gaps = new InMemoryCapacityGapLog();
        ReferralStore referrals = new InMemoryReferralStore();
        FeedbackLog feedback = new InMemoryFeedbackLog();
        InMemoryServiceDirectory directory = new InMemoryServiceDirectory(seed);
        Dialogue dialogue = new DialogueLoader(model.get().intents(), data.entityTypes(), List.of(
                new SearchServicesAction(directory, gaps),
                new ServiceDetailsAction(directory, ServiceDetailsAction.Question.INFO),
                new ServiceDetailsAction(directory, ServiceDetailsAction.Question.AVAILABILITY),
                new ReferralRouteAction(directory),
                new CreateReferralAction(directory, referrals, new References()),
                new ReferralStatusAction(referrals),
                new RecordFeedbackAction(feedback),
                new EscalateAction(escalations)))
                .load(DialogContent.dialogue());
        PostcodeLocalities places = PostcodeLocalities.read(DialogContent.places(),
                java.util.Set.copyOf(slotValues(dialogue, "locality")));
        ServiceCatalogReader.checkVocabulary(seed, slotValues(dialogue, "service_category"), slotValues(dialogue, "locality"));
        SafetyScreen safety = new SafetyScreen(SafetyRulesReader.read(DialogContent.safety()));
        for (SafetyCategory category : SafetyCategory.values()) {
            if (dialogue.flowFor(category.intent()).isEmpty()) {
                throw new ContentException("dialogs", 0, "no flow handles the safety category " + category.id()
                        + " (a flow with intents: [" + category.intent() + "])");
            }
        }
        LOG.info("Loaded {} flows, {} services and an NLU model of {} intents; stores: in memory",
                dialogue.flows().size(), seed.size(), model.get().intents().size());
        return new Content(model, next -> trainer.train(next.withLookup(services), settings), escalations, gaps,
                referrals, feedback, dialogue, safety, places);
    }

    private static Router router(Vertx vertx, ServerConfig config, Engine engine) {
        Router router = Router.router(vertx);
        // Body handlers go on each route, not on a catch-all: a catch-all would match every path
        // and turn a request for a path that does not exist into a 405 instead of a 404.
        LimitedBodyHandler bodies = LimitedBodyHandler.json(config.bodyLimit());
        new HealthApi(List.of(
                new HealthApi.Check("nlu", () -> Future.succeededFuture(engine.model().get().intents().size() + " intents")),
                new HealthApi.Check("tracker_store", () -> Future.succeededFuture("in memory")),
                new HealthApi.Check("escalation_queue", () -> engine.escalations().waiting().map(w -> w.size() + " waiting"))))
                .mount(router);
        new RestChannel(engine.processor()).mount(router, bodies);
        new ModelApi(engine.interpreter()).mount(router, bodies);
        new ModelTrainingApi(vertx, engine.model(), engine.trainer(), engine.dialogue().intentsUsed(),
                engine.dialogue().entityTypesUsed(), config.modelToken())
                .mount(router, LimitedBodyHandler.yaml(config.trainingBodyLimit()));
        // Only named pages: a catch-all static route would turn every wrong method into a 404.
        router.get("/").handler(StaticHandler.create("webroot").setIndexPage("index.html"));
        HttpErrors.install(router);
        return router;
    }

    private static List<String> slotValues(Dialogue dialogue, String slot) {
        return dialogue.slot(slot).map(SlotDefinition::values)
                .orElseThrow(() -> new ContentException("dialogs", 0, "the directory needs the slot '" + slot + "'"));
    }

    /** The port the server listens on (useful when configured with 0). */
    public int port() {
        return server.actualPort();
    }

    EscalationQueue escalations() {
        return engine.escalations();
    }

    CapacityGapLog gaps() {
        return engine.gaps();
    }

    ReferralStore referrals() {
        return engine.referrals();
    }

    FeedbackLog feedback() {
        return engine.feedback();
    }

    public Future<Void> close() {
        return server.close();
    }
}
