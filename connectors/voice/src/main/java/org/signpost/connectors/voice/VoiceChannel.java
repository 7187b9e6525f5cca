package org.signpost.connectors.voice;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.asteriskjava.fastagi.AgiServerThread;
import org.asteriskjava.fastagi.DefaultAgiServer;
import org.asteriskjava.fastagi.SimpleMappingStrategy;
import org.asteriskjava.util.ServerSocketFacade;
import org.asteriskjava.util.internal.ServerSocketFacadeImpl;
import org.signpost.connectors.voice.call.CallScript;
import org.signpost.connectors.voice.call.Phrases;
import org.signpost.connectors.voice.listen.SpeechRecogniser;
import org.signpost.connectors.voice.queue.QueuePickups;
import org.signpost.connectors.voice.speak.SpeechSynthesizer;
import org.signpost.content.ContentException;
import org.signpost.core.response.ResponseCatalog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The phone line: a FastAGI server Asterisk hands calls to ({@code AGI(agi://host:4573/signpost)}),
 * each call a conversation on the voice channel. Off unless configured.
 */
public final class VoiceChannel {

    private static final int BACKLOG = 128;
    /** Threads kept ready for calls; more are started up to {@link VoiceSettings#maxCalls()}. */
    private static final int READY_THREADS = 16;

    /** Prompts unused for this long are deleted: long enough for the prompts every call uses to stay. */
    static final Duration PROMPT_RETENTION = Duration.ofHours(1);
    /** Recordings are deleted once read; what a crash left behind goes after this. */
    static final Duration RECORDING_RETENTION = Duration.ofMinutes(10);
    static final Duration SWEEP_INTERVAL = Duration.ofMinutes(10);
    private static final Logger LOG = LoggerFactory.getLogger(VoiceChannel.class);

    private final VoiceSettings settings;
    private final CallScript script;
    private final SpeechSynthesizer voice;
    private final SpeechRecogniser ears;
    private final Optional<QueuePickups> pickups;
    private AgiServerThread thread;
    private ScheduledExecutorService sweeper;

    private VoiceChannel(VoiceSettings settings, CallScript script, SpeechSynthesizer voice, SpeechRecogniser ears,
            Optional<QueuePickups> pickups) {
        this.settings = settings;
        this.script = script;
        this.voice = voice;
        this.ears = ears;
        this.pickups = pickups;
    }

    /** A line that takes no calls. */
    public static VoiceChannel off() {
        return new VoiceChannel(null, null, null, SpeechRecogniser.KEYPAD_ONLY, Optional.empty());
    }

    /**
     * The line for {@code settings}, answering with {@code script}. Fails with a
     * {@link ContentException} when the content lacks a response the line says ({@link Phrases#RESPONSES}).
     */
    public static VoiceChannel on(VoiceSettings settings, CallScript script, SpeechSynthesizer voice, SpeechRecogniser ears,
            ResponseCatalog responses, Optional<QueuePickups> pickups) {
        Objects.requireNonNull(settings, "settings");
        for (String response : Phrases.RESPONSES) {
            if (!responses.contains(response)) {
                throw new ContentException("dialogs", 0, "the phone line needs the response '" + response + "'");
            }
        }
        return new VoiceChannel(settings, Objects.requireNonNull(script, "script"), Objects.requireNonNull(voice, "voice"),
                Objects.requireNonNull(ears, "ears"), Objects.requireNonNull(pickups, "pickups"));
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
     * clear message rather than in a background thread; so does a spool Signpost cannot write.
     */
    public synchronized void start() throws IOException {
        if (!isOn() || thread != null) {
            return;
        }
        Path spool = settings.spoolDirectory();
        Files.createDirectories(spool.resolve(CallScript.RECORDINGS));
        if (!Files.isWritable(spool) || !Files.isWritable(spool.resolve(CallScript.RECORDINGS))) {
            throw new IOException("the phone line's spool " + spool + " is not writable: Signpost writes prompts there and"
                    + " Asterisk records callers there (VOICE_SPOOL_DIR)");
        }
        ServerSocketFacade socket;
        try {
            socket = new OwnAsterisksOnly(new ServerSocketFacadeImpl(settings.port(), BACKLOG, settings.bindAddress()), settings);
        } catch (IOException e) {
            throw new IOException("the FastAGI port " + settings.bindAddress().getHostAddress() + ":" + settings.port()
                    + " cannot be opened (" + e.getMessage() + "): set FASTAGI_HOST or FASTAGI_PORT, or FASTAGI_PORT=0 to"
                    + " turn the phone line off", e);
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
        sweeper = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread sweeping = new Thread(runnable, "voice-spool-sweeper");
            sweeping.setDaemon(true);
            return sweeping;
        });
        // At once too: what a previous run left is swept before calls come.
        sweeper.scheduleWithFixedDelay(this::sweep, 0, SWEEP_INTERVAL.toSeconds(), TimeUnit.SECONDS);
    }

    /** Deletes what the spool holds of callers beyond its use: unused prompts, stray recordings. */
    void sweep() {
        try {
            int prompts = voice.forget(PROMPT_RETENTION);
            int recordings = CallScript.forgetRecordings(settings.spoolDirectory(), RECORDING_RETENTION);
            if (prompts + recordings > 0) {
                LOG.info("Phone spool swept: {} unused prompts and {} stray recordings deleted", prompts, recordings);
            }
        } catch (RuntimeException e) {
            // The next sweep tries again; a failure must not end the schedule.
            LOG.warn("Phone spool sweep failed: {}", e.getClass().getName());
        }
    }

    /**
     * Stops taking calls. Calls under way are cut off with the connection: Asterisk goes on to the
     * dialplan's next step, which the README's dialplan makes the navigators' queue.
     */
    public synchronized void stop() {
        try {
            pickups.ifPresent(QueuePickups::stop);
        } finally {
            try {
                if (thread != null) {
                    thread.shutdown();
                }
            } finally {
                thread = null;
                if (sweeper != null) {
                    sweeper.shutdownNow();
                    sweeper = null;
                }
                ears.close();
            }
        }
    }

    @Override
    public String toString() {
        return isOn() ? settings + (ears.isAvailable() ? "" : " (no speech recognition: callers use the keypad)")
                + settings.ami().map(ami -> ", queue pickups heard over AMI at " + ami).orElse("") : "off";
    }
}
