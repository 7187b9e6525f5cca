package org.signpost.connectors.voice.asterisk;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Asterisk's Manager Interface (AMI) as a client meets it on port 5038: the greeting line, then
 * packets of {@code Key: Value} lines ended by an empty line. It answers {@code Challenge} and
 * checks {@code Login} (the MD5 key of challenge and secret, or the plain secret), sends
 * {@code FullyBooted} after a login, answers other actions with {@code Response: Success}, and
 * sends the events a test asks for to every logged-in client.
 */
public final class FakeAmi implements AutoCloseable {

    private static final String CHALLENGE = "840415273";

    private final ServerSocket server;
    private final String user;
    private final String secret;
    private final List<OutputStream> loggedIn = new CopyOnWriteArrayList<>();
    private final List<Map<String, String>> actions = new CopyOnWriteArrayList<>();
    private final CountDownLatch firstLogin = new CountDownLatch(1);

    private FakeAmi(ServerSocket server, String user, String secret) {
        this.server = server;
        this.user = user;
        this.secret = secret;
    }

    /** A fake AMI on a free loopback port accepting {@code user} with {@code secret}. */
    public static FakeAmi start(String user, String secret) throws IOException {
        FakeAmi ami = new FakeAmi(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()), user, secret);
        Thread acceptor = new Thread(ami::accept, "fake-ami");
        acceptor.setDaemon(true);
        acceptor.start();
        return ami;
    }

    public int port() {
        return server.getLocalPort();
    }

    /** Waits until a client has logged in. */
    public boolean awaitLogin(long seconds) throws InterruptedException {
        return firstLogin.await(seconds, TimeUnit.SECONDS);
    }

    /** Every action clients sent, in order, with its keys in lower case. */
    public List<Map<String, String>> actions() {
        return List.copyOf(actions);
    }

    /**
     * Sends {@code AgentConnect}, as Asterisk does when a queue member answers a caller: the
     * caller's channel and unique id, the queue, and the member who answered.
     */
    public void agentConnect(String queue, String callerUniqueId, String memberName) throws IOException {
        Map<String, String> event = new LinkedHashMap<>();
        event.put("Event", "AgentConnect");
        event.put("Privilege", "agent,all");
        event.put("Channel", "PJSIP/trunk-" + callerUniqueId.replace('.', '-'));
        event.put("ChannelState", "6");
        event.put("ChannelStateDesc", "Up");
        event.put("Uniqueid", callerUniqueId);
        event.put("Linkedid", callerUniqueId);
        event.put("DestChannel", "PJSIP/" + memberName + "-00000007");
        event.put("DestUniqueid", "1795000999.7");
        event.put("Queue", queue);
        event.put("MemberName", memberName);
        event.put("Interface", "PJSIP/" + memberName);
        event.put("HoldTime", "4");
        event.put("RingTime", "2");
        send(event);
    }

    private void send(Map<String, String> packet) throws IOException {
        byte[] bytes = packet(packet);
        for (OutputStream out : loggedIn) {
            synchronized (out) {
                out.write(bytes);
                out.flush();
            }
        }
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Thread session = new Thread(() -> serve(client), "fake-ami-client");
                session.setDaemon(true);
                session.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket client) {
        try (client) {
            OutputStream out = client.getOutputStream();
            BufferedReader in = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.UTF_8));
            write(out, "Asterisk Call Manager/7.0.3\r\n".getBytes(StandardCharsets.US_ASCII));
            Map<String, String> action = new LinkedHashMap<>();
            String line;
            while ((line = in.readLine()) != null) {
                if (!line.isEmpty()) {
                    int colon = line.indexOf(':');
                    if (colon > 0) {
                        // AMI keys are case-insensitive (Asterisk-Java writes them in lower case).
                        action.put(line.substring(0, colon).strip().toLowerCase(java.util.Locale.ROOT),
                                line.substring(colon + 1).strip());
                    }
                    continue;
                }
                if (action.isEmpty()) {
                    continue;
                }
                actions.add(Map.copyOf(action));
                if (!answer(action, out)) {
                    return;
                }
                action = new LinkedHashMap<>();
            }
        } catch (IOException e) {
            // The client went away.
        }
    }

    /** Answers one action; false when the session ends. */
    private boolean answer(Map<String, String> action, OutputStream out) throws IOException {
        String name = action.getOrDefault("action", "").toLowerCase(java.util.Locale.ROOT);
        Map<String, String> response = new LinkedHashMap<>();
        response.put("Response", "Success");
        if (action.containsKey("actionid")) {
            response.put("ActionID", action.get("actionid"));
        }
        switch (name) {
            case "challenge":
                response.put("Challenge", CHALLENGE);
                write(out, packet(response));
                return true;
            case "login":
                boolean userOk = user.equals(action.get("username"));
                boolean keyOk = md5(CHALLENGE + secret).equals(action.get("key")) || secret.equals(action.get("secret"));
                if (!userOk || !keyOk) {
                    response.put("Response", "Error");
                    response.put("Message", "Authentication failed");
                    write(out, packet(response));
                    return false;
                }
                response.put("Message", "Authentication accepted");
                write(out, packet(response));
                write(out, packet(Map.of("Event", "FullyBooted", "Privilege", "system,all", "Status", "Fully Booted")));
                loggedIn.add(out);
                firstLogin.countDown();
                return true;
            case "logoff":
                response.put("Response", "Goodbye");
                response.put("Message", "Thanks for all the fish.");
                write(out, packet(response));
                loggedIn.remove(out);
                return false;
            case "coresettings":
                response.put("AMIversion", "7.0.3");
                response.put("AsteriskVersion", "20.10.0");
                response.put("SystemName", "");
                write(out, packet(response));
                return true;
            case "command":
                response.put("Message", "Command output follows");
                response.put("Output", "Asterisk 20.10.0 built by root on a x86_64 running Linux");
                write(out, packet(response));
                return true;
            case "ping":
                response.put("Ping", "Pong");
                response.put("Timestamp", String.valueOf(System.currentTimeMillis() / 1000.0));
                write(out, packet(response));
                return true;
            default:
                write(out, packet(response));
                return true;
        }
    }

    private static void write(OutputStream out, byte[] bytes) throws IOException {
        synchronized (out) {
            out.write(bytes);
            out.flush();
        }
    }

    private static byte[] packet(Map<String, String> fields) {
        StringBuilder packet = new StringBuilder();
        List<Map.Entry<String, String>> entries = new ArrayList<>(fields.entrySet());
        for (Map.Entry<String, String> field : entries) {
            packet.append(field.getKey()).append(": ").append(field.getValue()).append("\r\n");
        }
        return packet.append("\r\n").toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String md5(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is always available", e);
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
