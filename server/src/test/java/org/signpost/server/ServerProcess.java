package org.signpost.server;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The packaged server started as its own process (as {@code ./scripts/run} does) on an embedded
 * store in {@code data}, so that a test can kill it with SIGKILL and start it again.
 */
public final class ServerProcess implements AutoCloseable {

    private final Process process;
    private final int port;

    private ServerProcess(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** A free port to start servers on (the same one across a restart). */
    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** A fresh data directory under the integration tests' data. */
    public static Path dataDirectory(String prefix) throws IOException {
        Files.createDirectories(RunningServer.DATA);
        return Files.createTempDirectory(RunningServer.DATA.toAbsolutePath(), prefix);
    }

    /** Starts the server and waits until {@code /health} answers; its output goes to {@code server.log} in {@code data}. */
    public static ServerProcess start(Path data, int port, Map<String, String> environment) throws Exception {
        File jar = Files.list(Path.of("target")).filter(p -> p.getFileName().toString().matches("server-.*\\.jar"))
                .findFirst().orElseThrow(() -> new IllegalStateException("run after 'package': no server jar in target/"))
                .toFile();
        String classpath = jar.getPath() + File.pathSeparator + Path.of("target", "lib").toAbsolutePath() + "/*";
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", classpath, "org.signpost.server.Main")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(data.resolve("server.log").toFile()));
        builder.environment().remove("REDIS_URL");
        builder.environment().remove("MONGODB_URI");
        // No phone line unless a test asks for one: processes run side by side.
        builder.environment().put("FASTAGI_PORT", "0");
        builder.environment().putAll(environment);
        builder.environment().put("PORT", String.valueOf(port));
        builder.environment().put("SIGNPOST_DATA_DIR", data.toString());
        builder.environment().put("SIGNPOST_MODEL_DIR", RunningServer.DATA.resolve("models").toAbsolutePath().toString());
        Process process = builder.start();
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            try {
                if (client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/health")).build(),
                        HttpResponse.BodyHandlers.ofString()).statusCode() == 200) {
                    return new ServerProcess(process, port);
                }
            } catch (IOException notYet) {
                Thread.sleep(200);
            }
            if (!process.isAlive()) {
                throw new IllegalStateException("the server exited; see " + data.resolve("server.log"));
            }
        }
        process.destroyForcibly();
        throw new IllegalStateException("the server did not start; see " + data.resolve("server.log"));
    }

    public URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    /** SIGKILL: no shutdown hook runs, nothing is flushed. */
    @Override
    public void close() throws InterruptedException {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
}
