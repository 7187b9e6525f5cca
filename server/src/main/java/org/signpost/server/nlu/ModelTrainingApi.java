package org.signpost.server.nlu;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.signpost.connectors.web.http.LimitedBodyHandler;
import org.signpost.content.ContentException;
import org.signpost.content.ContentFile;
import org.signpost.error.InvalidInputException;
import org.signpost.nlu.NluModel;
import org.signpost.nlu.data.RasaYamlReader;
import org.signpost.nlu.data.TrainingData;
import org.signpost.nlu.evaluation.Evaluator;
import org.signpost.nlu.evaluation.IntentReport;
import org.signpost.nlu.evaluation.ReportWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /model/train}: Rasa NLU YAML in the body trains a new model on a worker thread,
 * which then replaces the current one without interrupting service. The new data must cover
 * every intent and entity type the dialogue uses. Needs the configured token (as Rasa:
 * {@code Authorization: Bearer <token>} or {@code ?token=}); without one configured, training
 * over HTTP is off. One training at a time; another request meanwhile gets 409.
 *
 * <p>{@code POST /model/test/intents} (same token) evaluates the current model on the Rasa YAML in
 * the body and answers Rasa's {@code intent_report.json}.
 */
public final class ModelTrainingApi {

    private static final Logger LOG = LoggerFactory.getLogger(ModelTrainingApi.class);

    private final Vertx vertx;
    private final CurrentModel current;
    private final Function<TrainingData, NluModel> trainer;
    private final Set<String> intentsNeeded;
    private final Set<String> entitiesNeeded;
    private final Optional<String> token;
    private final AtomicBoolean training = new AtomicBoolean();

    public ModelTrainingApi(Vertx vertx, CurrentModel current, Function<TrainingData, NluModel> trainer,
            Set<String> intentsNeeded, Set<String> entitiesNeeded, Optional<String> token) {
        this.vertx = Objects.requireNonNull(vertx, "vertx");
        this.current = Objects.requireNonNull(current, "current");
        this.trainer = Objects.requireNonNull(trainer, "trainer");
        this.intentsNeeded = Set.copyOf(intentsNeeded);
        this.entitiesNeeded = Set.copyOf(entitiesNeeded);
        this.token = Objects.requireNonNull(token, "token");
    }

    /** @param body reads the YAML body (training data is larger than a chat message) */
    public void mount(Router router, Handler<RoutingContext> body) {
        router.post("/model/train").handler(this::authorise).handler(body).handler(this::train);
        router.post("/model/test/intents").handler(this::authorise).handler(body).handler(this::test);
    }

    private void test(RoutingContext context) {
        TrainingData data = read(context);
        NluModel model = current.get();
        vertx.executeBlocking(() -> ReportWriter.intentReportJson(
                new IntentReport(Evaluator.evaluate(model, data.examples()).intents()))).onComplete(report -> {
                    if (report.failed()) {
                        context.fail(report.cause());
                        return;
                    }
                    context.response().putHeader(HttpHeaders.CONTENT_TYPE, "application/json").end(report.result());
                });
    }

    private static TrainingData read(RoutingContext context) {
        try {
            return new RasaYamlReader().read(new ContentFile("request body", LimitedBodyHandler.text(context)));
        } catch (ContentException e) {
            throw new InvalidInputException("invalid_training_data", e.getMessage());
        }
    }

    private void authorise(RoutingContext context) {
        if (token.isEmpty()) {
            throw new HttpException(403, "training over HTTP is off: set SIGNPOST_MODEL_TOKEN to turn it on");
        }
        String header = context.request().getHeader(HttpHeaders.AUTHORIZATION);
        String given = header != null && header.startsWith("Bearer ") ? header.substring(7).strip()
                : context.request().getParam("token");
        if (given == null || !MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8),
                token.get().getBytes(StandardCharsets.UTF_8))) {
            throw new HttpException(401, "a valid token is needed (Authorization: Bearer <token>)");
        }
        context.next();
    }

    private void train(RoutingContext context) {
        TrainingData data = read(context);
        requireCoverage(data);
        if (!training.compareAndSet(false, true)) {
            throw new HttpException(409, "a model is being trained already; try again when it is done");
        }
        long started = System.nanoTime();
        vertx.executeBlocking(() -> trainer.apply(data)).onComplete(trained -> {
            training.set(false);
            if (trained.failed()) {
                Throwable cause = trained.cause();
                context.fail(cause instanceof ContentException
                        ? new InvalidInputException("invalid_training_data", cause.getMessage()) : cause);
                return;
            }
            current.swap(trained.result());
            long millis = (System.nanoTime() - started) / 1_000_000;
            LOG.info("Swapped in a new NLU model of {} intents, trained in {} ms", data.intents().size(), millis);
            context.response().putHeader(HttpHeaders.CONTENT_TYPE, "application/json").end(new JsonObject()
                    .put("status", "trained")
                    .put("intents", data.intents().size())
                    .put("examples", data.examples().size())
                    .put("fingerprint", data.fingerprint())
                    .put("training_ms", millis)
                    .encode());
        });
    }

    private void requireCoverage(TrainingData data) {
        Set<String> missing = new TreeSet<>(intentsNeeded);
        missing.removeAll(data.intents());
        if (!missing.isEmpty()) {
            throw new InvalidInputException("invalid_training_data",
                    "the dialogue needs intents the data has no examples of: " + missing);
        }
        Set<String> missingEntities = new TreeSet<>(entitiesNeeded);
        missingEntities.removeAll(data.entityTypes());
        if (!missingEntities.isEmpty()) {
            throw new InvalidInputException("invalid_training_data",
                    "the dialogue fills slots from entities the data never mentions: " + missingEntities);
        }
    }
}
