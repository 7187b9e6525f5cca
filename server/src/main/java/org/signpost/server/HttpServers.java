package org.signpost.server;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Signpost's HTTP servers: one per event loop wanted, all on one port, each new connection handed
 * to the next by Vert.x. With a single server one event loop ran every turn, and past 15,000
 * messages/s it was the limit while the machine still had processor time to spare
 * (docs/benchmarks.md). Every handler behind the router is thread-safe or keeps to a context of
 * its own. Immutable.
 *
 * @param port the port they listen on
 * @param deployment the Vert.x deployment holding them, undeployed on close
 */
record HttpServers(int port, String deployment) {

    /**
     * Vert.x shares one random port among the servers of a Vertx that ask for the same negative
     * port; each call takes a number of its own, so two Signposts in one process get two ports.
     */
    private static final AtomicInteger RANDOM_PORTS = new AtomicInteger(-1);

    /** One event loop per processor: turns are processor-bound, and more would only take turns about. */
    static int eventLoops() {
        return Math.max(1, Runtime.getRuntime().availableProcessors());
    }

    /** Listens on {@code options}' port; with port 0, on one port the system chose for all of them. */
    static Future<HttpServers> listen(Vertx vertx, HttpServerOptions options, Router router, int eventLoops) {
        Objects.requireNonNull(router, "router");
        if (eventLoops < 1) {
            throw new IllegalArgumentException("at least one event loop, not " + eventLoops);
        }
        HttpServerOptions shared = options.getPort() == 0
                ? new HttpServerOptions(options).setPort(RANDOM_PORTS.getAndDecrement()) : options;
        List<HttpServer> started = new CopyOnWriteArrayList<>();
        return vertx.deployVerticle(() -> server(vertx, shared, router, started), new DeploymentOptions().setInstances(eventLoops))
                .map(id -> new HttpServers(started.get(0).actualPort(), id));
    }

    private static VerticleBase server(Vertx vertx, HttpServerOptions options, Router router, List<HttpServer> started) {
        return new VerticleBase() {
            @Override
            public Future<?> start() {
                return vertx.createHttpServer(options).requestHandler(router).listen().onSuccess(started::add);
            }
        };
    }

    /** Stops listening: undeploying a server's verticle closes it. */
    Future<Void> close(Vertx vertx) {
        return vertx.undeploy(deployment);
    }
}
