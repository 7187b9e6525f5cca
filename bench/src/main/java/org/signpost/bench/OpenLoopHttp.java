package org.signpost.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongFunction;

/**
 * Sends HTTP/1.1 POSTs at a constant arrival rate over keep-alive connections, on one thread with
 * plain non-blocking sockets, as {@code wrk} does: the generator shares the two cores with the
 * server it measures, and Vert.x's HTTP client spent about as much processor time per message as
 * the server did (25.6 s against 10.7 s with this, for the same 146,000 messages). A message that comes due
 * while every connection is busy waits here for one, and that wait counts in its latency
 * (measured from when it was due: no coordinated omission). One request at a time per
 * connection, no pipelining.
 */
final class OpenLoopHttp implements AutoCloseable {

    /** What happened to one rate's messages. */
    record Outcome(long sent, int ok, int refused, int errors, long[] latencies, long measuredNanos, boolean finished,
            Map<String, Integer> causes) {
    }

    /** A connection idle this long is closed here rather than reused: the server closes idle ones at 60 s. */
    private static final long IDLE_NANOS = 30_000_000_000L;
    private static final byte[] HEADER_END = {'\r', '\n', '\r', '\n'};
    private static final int MOST_ANSWER_BYTES = 16 * 1024 * 1024;

    private final InetSocketAddress server;
    /** A request's head up to its length, the same for every message. */
    private final byte[] headBeforeLength;
    private final int maxConnections;
    private final Selector selector;
    /** Idle connections, the most recently used on top: a few stay busy and the rest can age out. */
    private final ArrayDeque<Connection> idle = new ArrayDeque<>();
    private int open;
    private int connecting;

    OpenLoopHttp(InetSocketAddress server, String path, int maxConnections) throws IOException {
        this.server = server;
        this.headBeforeLength = ("POST " + path + " HTTP/1.1\r\nHost: " + server.getHostString() + ":" + server.getPort()
                + "\r\nContent-Type: application/json\r\nContent-Length: ").getBytes(StandardCharsets.US_ASCII);
        this.maxConnections = maxConnections;
        this.selector = Selector.open();
    }

    /**
     * Sends {@code total} messages, message {@code i} due at {@code start + i / rate}, with the body
     * {@code bodies.apply(i)}; the first {@code unmeasured} are counted for errors only. Returns once
     * every message is answered or failed, or {@code patienceNanos} after the last was due.
     */
    Outcome run(int rate, int total, int unmeasured, LongFunction<String> bodies, long patienceNanos) throws IOException {
        Run run = new Run(rate, total, unmeasured, bodies);
        long deadline = run.start + (total - 1) * run.interval + patienceNanos;
        while (run.answered < total) {
            long now = System.nanoTime();
            if (now > deadline) {
                break;
            }
            run.dueUntil(now);
            dispatch(run, now);
            long nextDue = run.next < total ? run.start + run.next * run.interval : Long.MAX_VALUE;
            long waitMillis = Math.min(100, Math.max(0, (nextDue - now + 999_999) / 1_000_000));
            if (waitMillis == 0) {
                selector.selectNow();
            } else {
                selector.select(waitMillis);
            }
            Iterator<SelectionKey> ready = selector.selectedKeys().iterator();
            while (ready.hasNext()) {
                SelectionKey key = ready.next();
                ready.remove();
                if (key.isValid()) {
                    ((Connection) key.attachment()).ready(key, run);
                }
            }
        }
        boolean finished = run.answered >= total;
        if (!finished) {
            // Whatever is still under way or waiting is lost: its connections cannot be reused.
            for (SelectionKey key : List.copyOf(selector.keys())) {
                Connection connection = (Connection) key.attachment();
                if (connection.message >= 0) {
                    connection.close();
                }
            }
        }
        long measured = Math.max(1, System.nanoTime() - run.start - (long) unmeasured * run.interval);
        return new Outcome(run.next, run.ok, run.refused, run.errors + (total - run.answered),
                Arrays.copyOf(run.latencies, run.latencyCount), measured, finished, run.causes);
    }

    /** Hands waiting messages to idle connections, opening more while any wait. */
    private void dispatch(Run run, long now) throws IOException {
        while (!run.waiting.isEmpty()) {
            Connection connection = idle.pollFirst();
            while (connection != null && now - connection.idleSince > IDLE_NANOS) {
                connection.close();
                connection = idle.pollFirst();
            }
            if (connection == null) {
                // Connections being opened take messages as they connect.
                while (connecting < run.waiting.size() && open < maxConnections) {
                    Connection fresh = new Connection();
                    try {
                        fresh.connect();
                    } catch (IOException e) {
                        run.causes.merge("connect: " + e, 1, Integer::sum);
                        fresh.close();
                        return;
                    }
                }
                return;
            }
            connection.send(run, run.waiting.pollFirst());
        }
    }

    @Override
    public void close() throws IOException {
        for (SelectionKey key : List.copyOf(selector.keys())) {
            ((Connection) key.attachment()).close();
        }
        selector.close();
    }

    /** One rate's messages and tallies; touched by the one thread only. */
    private static final class Run {
        final long start = System.nanoTime();
        final long interval;
        final int total;
        final int unmeasured;
        final LongFunction<String> bodies;
        final ArrayDeque<Long> waiting = new ArrayDeque<>();
        final long[] latencies;
        final Map<String, Integer> causes = new HashMap<>();
        long next;
        int answered;
        int ok;
        int refused;
        int errors;
        int latencyCount;

        Run(int rate, int total, int unmeasured, LongFunction<String> bodies) {
            this.interval = 1_000_000_000L / rate;
            this.total = total;
            this.unmeasured = unmeasured;
            this.bodies = bodies;
            this.latencies = new long[Math.max(0, total - unmeasured)];
        }

        void dueUntil(long now) {
            while (next < total && start + next * interval <= now) {
                waiting.addLast(next++);
            }
        }

        long due(long message) {
            return start + message * interval;
        }

        void answered(long message, int status) {
            if (status == 503) {
                answered++;
                refused++;
            } else if (status != 200) {
                failed("HTTP " + status);
            } else {
                answered++;
                ok++;
                if (message >= unmeasured) {
                    latencies[latencyCount++] = System.nanoTime() - due(message);
                }
            }
        }

        /** A message that got no answer, or not one that counts. */
        void failed(String cause) {
            answered++;
            errors++;
            causes.merge(cause, 1, Integer::sum);
        }
    }

    /** One keep-alive connection: connecting, idle, or carrying one message. */
    private final class Connection {
        private final SocketChannel channel;
        private final SelectionKey key;
        private ByteBuffer in = ByteBuffer.allocate(16 * 1024);
        private ByteBuffer out;
        private boolean connected;
        /** The message under way, or -1. */
        private long message = -1;
        private long idleSince;
        private Run run;

        Connection() throws IOException {
            channel = SocketChannel.open();
            channel.configureBlocking(false);
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            key = channel.register(selector, 0, this);
            open++;
        }

        void connect() throws IOException {
            connecting++;
            if (channel.connect(server)) {
                connected();
            } else {
                key.interestOps(SelectionKey.OP_CONNECT);
            }
        }

        private void connected() {
            connecting--;
            connected = true;
            key.interestOps(SelectionKey.OP_READ);
            idleSince = System.nanoTime();
            idle.addFirst(this);
        }

        void send(Run run, long message) {
            this.run = run;
            this.message = message;
            byte[] body = run.bodies.apply(message).getBytes(StandardCharsets.UTF_8);
            byte[] length = (body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
            out = ByteBuffer.allocate(headBeforeLength.length + length.length + body.length)
                    .put(headBeforeLength).put(length).put(body).flip();
            in.clear();
            try {
                channel.write(out);
                if (out.hasRemaining()) {
                    key.interestOps(SelectionKey.OP_READ | SelectionKey.OP_WRITE);
                }
            } catch (IOException e) {
                fail(e.toString());
            }
        }

        void ready(SelectionKey ready, Run current) {
            try {
                if (ready.isConnectable()) {
                    channel.finishConnect();
                    connected();
                    return;
                }
                if (ready.isWritable()) {
                    channel.write(out);
                    if (!out.hasRemaining()) {
                        key.interestOps(SelectionKey.OP_READ);
                    }
                }
                if (ready.isReadable()) {
                    read();
                }
            } catch (IOException e) {
                if (message >= 0) {
                    fail(e.toString());
                } else {
                    // Refused while connecting, or closed while idle: nothing was lost.
                    if (!connected) {
                        current.causes.merge("connect: " + e, 1, Integer::sum);
                    }
                    close();
                }
            }
        }

        private void read() throws IOException {
            int read = channel.read(in);
            if (read < 0) {
                if (message >= 0) {
                    fail("the server closed the connection before answering");
                } else {
                    close();
                }
                return;
            }
            if (message < 0) {
                // Bytes nobody asked for: the connection cannot be trusted with the next message.
                close();
                return;
            }
            Response response;
            try {
                response = Response.parse(in);
            } catch (RuntimeException e) {
                fail("a malformed answer: " + e.getMessage());
                return;
            }
            if (response == null) {
                if (!in.hasRemaining()) {
                    if (in.capacity() >= MOST_ANSWER_BYTES) {
                        fail("an answer larger than " + MOST_ANSWER_BYTES + " bytes");
                        return;
                    }
                    in = ByteBuffer.allocate(in.capacity() * 2).put(in.flip());
                }
                return;
            }
            long answered = message;
            message = -1;
            run.answered(answered, response.status());
            if (response.close()) {
                close();
            } else {
                idleSince = System.nanoTime();
                idle.addFirst(this);
            }
        }

        private void fail(String cause) {
            message = -1;
            run.failed(cause);
            close();
        }

        void close() {
            if (!channel.isOpen()) {
                return;
            }
            idle.remove(this);
            key.cancel();
            try {
                channel.close();
            } catch (IOException ignored) {
                // Closing: nothing more to do with it.
            }
            open--;
            if (!connected) {
                connecting--;
            }
        }
    }

    /** A whole HTTP/1.1 answer's status, and whether the server closes the connection after it. */
    record Response(int status, boolean close) {

        /** The answer in {@code in} (written up to its position), or null while it is incomplete. */
        static Response parse(ByteBuffer in) {
            byte[] bytes = in.array();
            int length = in.position();
            int headerEnd = indexOf(bytes, length, HEADER_END, 0);
            if (headerEnd < 0) {
                return null;
            }
            String head = new String(bytes, 0, headerEnd, StandardCharsets.ISO_8859_1);
            String[] lines = head.split("\r\n");
            String[] statusLine = lines[0].split(" ", 3);
            if (statusLine.length < 2 || !statusLine[0].startsWith("HTTP/1.")) {
                throw new IllegalStateException("not an HTTP/1.x answer: " + lines[0]);
            }
            int status = Integer.parseInt(statusLine[1]);
            long contentLength = -1;
            boolean chunked = false;
            boolean close = statusLine[0].equals("HTTP/1.0");
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                if (colon < 0) {
                    continue;
                }
                String name = lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT);
                String value = lines[i].substring(colon + 1).trim().toLowerCase(Locale.ROOT);
                switch (name) {
                    case "content-length" -> contentLength = Long.parseLong(value);
                    case "transfer-encoding" -> chunked = value.contains("chunked");
                    case "connection" -> close = value.contains("close") || (close && !value.contains("keep-alive"));
                    default -> {
                    }
                }
            }
            int bodyStart = headerEnd + HEADER_END.length;
            if (chunked) {
                return chunkedEnd(bytes, length, bodyStart) ? new Response(status, close) : null;
            }
            if (contentLength < 0) {
                throw new IllegalStateException("an answer with neither a length nor chunks: " + lines[0]);
            }
            return length - bodyStart >= contentLength ? new Response(status, close) : null;
        }

        /** True once the chunked body starting at {@code at} has its last (empty) chunk and the blank line after. */
        private static boolean chunkedEnd(byte[] bytes, int length, int at) {
            byte[] lineEnd = {'\r', '\n'};
            while (true) {
                int sizeEnd = indexOf(bytes, length, lineEnd, at);
                if (sizeEnd < 0) {
                    return false;
                }
                String size = new String(bytes, at, sizeEnd - at, StandardCharsets.ISO_8859_1);
                int semicolon = size.indexOf(';');
                long chunk = Long.parseLong((semicolon < 0 ? size : size.substring(0, semicolon)).trim(), 16);
                if (chunk == 0) {
                    // No trailers are expected: the blank line ends the body.
                    return indexOf(bytes, length, lineEnd, sizeEnd + 2) == sizeEnd + 2;
                }
                at = sizeEnd + 2 + (int) chunk + 2;
                if (at > length) {
                    return false;
                }
            }
        }

        private static int indexOf(byte[] bytes, int length, byte[] wanted, int from) {
            outer:
            for (int i = from; i + wanted.length <= length; i++) {
                for (int k = 0; k < wanted.length; k++) {
                    if (bytes[i + k] != wanted[k]) {
                        continue outer;
                    }
                }
                return i;
            }
            return -1;
        }
    }
}
