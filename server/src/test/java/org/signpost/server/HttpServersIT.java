package org.signpost.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Signpost's HTTP servers share one port, each on an event loop of its own, over real TCP connections. */
class HttpServersIT {

    private final Vertx vertx = Vertx.vertx();

    @AfterEach
    void close() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void connectionsAreSpreadOverTheEventLoopsOfOnePortAndClosingStopsThemAll() throws Exception {
        Router router = Router.router(vertx);
        router.get("/thread").handler(context -> context.response().end(Thread.currentThread().getName()));
        HttpServers servers = HttpServers.listen(vertx, new HttpServerOptions().setHost("127.0.0.1").setPort(0), router, 2)
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        assertThat(servers.port()).isPositive();

        List<Socket> connections = new ArrayList<>();
        Set<String> threads = new HashSet<>();
        for (int i = 0; i < 6; i++) {
            // Held open, so each is a connection of its own.
            Socket socket = new Socket("127.0.0.1", servers.port());
            connections.add(socket);
            threads.add(get(socket, "/thread"));
        }

        assertThat(threads).as("each connection answered on an event loop").allMatch(name -> name.startsWith("vert.x-eventloop-thread"));
        assertThat(threads).as("by both servers").hasSize(2);
        for (Socket socket : connections) {
            socket.close();
        }
        servers.close(vertx).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        assertThat(refusedWithin(servers.port(), Duration.ofSeconds(5))).as("the port no longer takes connections").isTrue();
    }

    /** Whether connecting to {@code port} is refused within {@code time}: a closed channel lets go of its port a moment later. */
    private static boolean refusedWithin(int port, Duration time) throws Exception {
        long deadline = System.nanoTime() + time.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                new Socket("127.0.0.1", port).close();
            } catch (ConnectException refused) {
                return true;
            }
            Thread.sleep(50);
        }
        return false;
    }

    private static String get(Socket socket, String path) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(("GET " + path + " HTTP/1.1\r\nHost: localhost\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        socket.setSoTimeout(10_000);
        InputStream in = socket.getInputStream();
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int next = in.read();
            if (next < 0) {
                throw new IOException("closed before the answer's head ended: " + head);
            }
            head.append((char) next);
        }
        int length = Integer.parseInt(head.toString().lines().filter(line -> line.toLowerCase().startsWith("content-length:"))
                .findFirst().orElseThrow().substring("content-length:".length()).strip());
        byte[] body = in.readNBytes(length);
        return new String(body, StandardCharsets.UTF_8);
    }
}
