package org.signpost.server.voice;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.signpost.connectors.voice.asterisk.EmulatedCall;
import org.signpost.connectors.voice.asterisk.FakeAmi;
import org.signpost.connectors.voice.call.CallScript;
import org.signpost.connectors.voice.listen.FakeSpeech;
import org.signpost.connectors.voice.speak.FliteSynthesizer;
import org.signpost.connectors.voice.speak.Wav;
import org.signpost.server.RunningServer;
import org.signpost.server.ServerConfig;
import org.signpost.server.StaffClient;

/**
 * A Signpost server with its phone line on a free FastAGI port, Google Speech pointed at a
 * {@link FakeSpeech} on loopback (or no speech recognition at all), callers dialling in through
 * an emulated Asterisk, and a navigator reading the console's API.
 *
 * <p>Callers speak with a real synthesised voice: what they say is written into the spool as
 * audio, and the fake Speech service knows which words each recording holds, so the server's
 * real client sends real audio and gets its transcript back.
 */
final class PhoneServer implements AutoCloseable {

    static final String SECRET = "a-test-secret-that-is-long-enough-0123";
    /** How confident the fake Speech service is of words said clearly, and of mumbled ones. */
    static final float CLEAR = 0.92f;
    static final float MUMBLED = 0.21f;

    final RunningServer server;
    final StaffClient navigator;
    final FakeSpeech speech;
    final int port;
    final Path spool;
    /** Asterisk's Manager Interface, where the server hears navigators answer from the queue. */
    final FakeAmi ami;
    private final FliteSynthesizer callerVoice;
    private final Map<String, Float> confidence = new java.util.concurrent.ConcurrentHashMap<>();
    private final AtomicInteger calls = new AtomicInteger();

    private PhoneServer(RunningServer server, StaffClient navigator, FakeSpeech speech, int port, Path spool, FakeAmi ami,
            FliteSynthesizer callerVoice) {
        this.server = server;
        this.navigator = navigator;
        this.speech = speech;
        this.port = port;
        this.spool = spool;
        this.ami = ami;
        this.callerVoice = callerVoice;
    }

    /** A line whose callers may speak. */
    static PhoneServer withSpeech() throws Exception {
        return start(true);
    }

    /** A line without speech recognition: the keypad only. */
    static PhoneServer keypadOnly() throws Exception {
        return start(false);
    }

    private static PhoneServer start(boolean speech) throws Exception {
        FakeSpeech fake = speech ? FakeSpeech.start() : null;
        Files.createDirectories(Path.of("target", "it-data"));
        Path spool = Files.createTempDirectory(Path.of("target", "it-data"), "spool-").toAbsolutePath();
        int port = freePort();
        Map<String, String> environment = new HashMap<>();
        environment.put("SIGNPOST_JWT_SECRET", SECRET);
        environment.put("FASTAGI_PORT", String.valueOf(port));
        environment.put("VOICE_SPOOL_DIR", spool.toString());
        FakeAmi ami = FakeAmi.start("signpost", "an-ami-secret");
        environment.put("AMI_HOST", "127.0.0.1");
        environment.put("AMI_PORT", String.valueOf(ami.port()));
        environment.put("AMI_USER", "signpost");
        environment.put("AMI_SECRET", "an-ami-secret");
        if (speech) {
            environment.put("SPEECH_ENDPOINT", fake.endpoint());
            environment.put("SPEECH_PLAINTEXT", "true");
        }
        RunningServer server = RunningServer.start(ServerConfig.fromEnvironment(environment));
        FliteSynthesizer callerVoice = FliteSynthesizer.find(Path.of("target", "caller-voice").toAbsolutePath())
                .orElseThrow(() -> new IllegalStateException("flite is needed for the call tests (apt-get install flite)"));
        return new PhoneServer(server, StaffClient.navigator(server), fake, port, spool, ami, callerVoice);
    }

    /** A new call from {@code callerId}, with a unique id as Asterisk gives one. */
    EmulatedCall dial(String callerId) throws IOException {
        return EmulatedCall.dial("127.0.0.1", port, CallScript.NAME, uniqueId(), callerId, this::recordingOf);
    }

    String uniqueId() {
        return "1795000000." + calls.incrementAndGet();
    }

    /** The caller's next words are heard with low confidence (a noisy line, a strong accent). */
    void mumbled(String words) {
        confidence.put(words, MUMBLED);
    }

    /** A recording of a caller saying {@code words}, which the fake Speech service will recognise. */
    private Path recordingOf(String words) {
        Path wav = Path.of(callerVoice.prompt(words) + ".wav");
        if (speech != null) {
            try {
                speech.answer(Wav.read(wav).pcm(), words, confidence.getOrDefault(words, CLEAR));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
        return wav;
    }

    /** The conversation of the call with this unique id, as navigators see it. */
    JsonObject conversation(String uniqueId) throws Exception {
        return navigator.conversation(CallScript.conversationId(uniqueId));
    }

    List<String> userLines(String uniqueId) throws Exception {
        return navigator.userLines(CallScript.conversationId(uniqueId));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() throws Exception {
        try {
            server.close();
        } finally {
            ami.close();
            if (speech != null) {
                speech.close();
            }
        }
    }
}
