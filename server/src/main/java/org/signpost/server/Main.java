package org.signpost.server;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.signpost.content.ContentException;
import org.signpost.error.SignpostException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Starts Signpost with the configuration in the environment (see {@link ServerConfig}). */
public final class Main {

    private static final Logger LOG = LoggerFactory.getLogger(Main.class);

    private Main() {
    }

    public static void main(String[] args) {
        ServerConfig config;
        try {
            config = ServerConfig.fromEnvironment(System.getenv());
        } catch (SignpostException e) {
            System.err.println("signpost: " + e.getMessage());
            System.exit(2);
            return;
        }
        Vertx vertx = Vertx.vertx();
        Signpost.start(vertx, config).onComplete(started -> {
            if (started.failed()) {
                Throwable cause = started.cause();
                if (cause instanceof ContentException || cause instanceof SignpostException) {
                    System.err.println("signpost: cannot start: " + cause.getMessage());
                } else {
                    LOG.error("Signpost could not start", cause);
                }
                vertx.close();
                System.exit(1);
                return;
            }
            Signpost signpost = started.result();
            String base = "http://localhost:" + signpost.port();
            LOG.info("Signpost is ready at {}", base);
            LOG.info("  chat (Rasa REST channel): POST {}/webhooks/rest/webhook", base);
            LOG.info("  understand a message:     POST {}/model/parse", base);
            LOG.info("  staff API:                {}/api (sign in at POST {}/api/login; see {}/openapi.yaml)", base, base, base);
            LOG.info("  health and readiness:     GET  {}/health, {}/ready", base, base);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(vertx, signpost), "signpost-shutdown"));
        });
    }

    /**
     * Closes the server, then Vert.x, one after the other from this thread: a close chained on
     * the server's future would complete on an event loop that Vert.x has already stopped.
     */
    private static void stop(Vertx vertx, Signpost signpost) {
        try {
            awaitQuietly(signpost.close());
            awaitQuietly(vertx.close());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void awaitQuietly(Future<Void> closing) throws InterruptedException {
        try {
            closing.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            LOG.warn("Shutting down did not finish cleanly: {}", e.getMessage());
        }
    }
}
