package org.signpost.connectors.voice;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.asteriskjava.fastagi.AgiServerThread;
import org.asteriskjava.fastagi.DefaultAgiServer;
import org.asteriskjava.fastagi.SimpleMappingStrategy;
import org.asteriskjava.util.ServerSocketFacade;
import org.asteriskjava.util.internal.ServerSocketFacadeImpl;
import org.signpost.connectors.voice.call.CallScript;
import org.signpost.connectors.voice.call.Phrases;
import org.signpost.connectors.voice.listen.SpeechRecogniser;
import org.signpost.connectors.voice.queue.QueuePickups;
import org.signpost.content.ContentException;
import org.signpost.core.response.ResponseCatalog;

/**
 * The phone line: a FastAGI server Asterisk hands calls to ({@code AGI(agi://host:4573/signpost)}),
 * each call a conversation on the voice channel. Off unless configured.
 */
public final class VoiceChannel {

    private static final int BACKLOG = 128;
    /** Threads kept ready for calls; more are started up to {@link VoiceSettings#maxCalls()}. */
    private static final int READY_THREADS = 16;

    private final VoiceSettings settings;
    private final CallScript script;
    private final SpeechRecogniser ears;
    private final Optional<QueuePickups> pickups;
    private AgiServerThread thread;

    private VoiceChannel(VoiceSettings settings, CallScript script, SpeechRecogniser ears, Optional<QueuePickups> pickups) {
        this.settings = settings;
        this.script = script;
        this.ears = ears;
        this.pickups = pickups;
    }

    /** A line that takes no calls. */
    public static VoiceChannel off() {
        return new VoiceChannel(null, null, SpeechRecogniser.KEYPAD_ONLY, Optional.empty());
    }

    /**
     * The line for {@code settings}, answering with {@code script}. Fails with a
     * {@link ContentException} when the content lacks a response the line says ({@link Phrases#RESPONSES}).
     */
    public static VoiceChannel on(VoiceSettings settings, CallScript script, SpeechRecogniser ears, ResponseCatalog responses,
            Optional<QueuePickups> pickups) {
        Objects.requireNonNull(settings, "settings");
        for (String response : Phrases.RESPONSES) {
            if (!responses.contains(response)) {
                throw new ContentException("dialogs", 0, "the phone line needs the response '" + response + "'");
            }
        }
        return new VoiceChannel(settings, Objects.requireNonNull(script, "script"), Objects.requireNonNull(ears, "ears"),
                Objects.requireNonNull(pickups, "pickups"));
    }

    public boolean isOn() {
        return settings != null;
    }

    /** Whether callers can speak their answers (otherwise they use the keypad). */
    public boolean hearsSpeech() {
        return ears.isAvailable();
    }

    /**
     * Listens on the FastAGI port. The port is bound here, so a port in use fails start-up with a
     * clear message rather than in a background thread.
     */
    public synchronized void start() throws IOException {
        if (!isOn() || thread != null) {
            return;
        }
        Files.createDirectories(settings.spoolDirectory());
        ServerSocketFacade socket;
        try {
            socket = new ServerSocketFacadeImpl(settings.port(), BACKLOG, (InetAddress) null);
        } catch (IOException e) {
            throw new IOException("the FastAGI port " + settings.port() + " is not free (" + e.getMessage()
                    + "): set FASTAGI_PORT to another port, or 0 to turn the phone line off", e);
        }
        SimpleMappingStrategy mapping = new SimpleMappingStrategy();
        mapping.setMappings(Map.of(CallScript.NAME, script));
        DefaultAgiServer server = new DefaultAgiServer(mapping) {
            @Override
            protected ServerSocketFacade createServerSocket() {
                return socket;
            }
        };
        server.setPort(settings.port());
        server.setPoolSize(Math.min(READY_THREADS, settings.maxCalls()));
        server.setMaximumPoolSize(settings.maxCalls());
        thread = new AgiServerThread(server);
        thread.setDaemon(true);
        thread.startup();
        pickups.ifPresent(QueuePickups::start);
    }

    public synchronized void stop() {
        pickups.ifPresent(QueuePickups::stop);
        if (thread != null) {
            thread.shutdown();
            thread = null;
        }
        ears.close();
    }

    @Override
    public String toString() {
        return isOn() ? settings + (ears.isAvailable() ? "" : " (no speech recognition: callers use the keypad)")
                + settings.ami().map(ami -> ", queue pickups heard over AMI at " + ami).orElse("") : "off";
    }
}
