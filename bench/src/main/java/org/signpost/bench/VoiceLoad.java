package org.signpost.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.signpost.connectors.voice.asterisk.EmulatedCall;
import org.signpost.connectors.voice.asterisk.EmulatedCall.Prompted;
import org.signpost.connectors.voice.listen.FakeSpeech;
import org.signpost.connectors.voice.speak.FliteSynthesizer;
import org.signpost.connectors.voice.speak.Wav;

/**
 * The phone line under {@code CALLS} concurrent calls, played by the call tests' emulated
 * Asterisk over real FastAGI, with callers' words recorded as real audio and recognised through
 * the server's real Google Speech client by a fake Speech service on {@code --speech-port}
 * (the server must be started with {@code SPEECH_ENDPOINT} pointing there, plaintext).
 *
 * <p>Each caller dials, then for {@code --turns} turns waits about {@code --think} ms (from half
 * to one and a half times it, at random: the prompt playing and the caller speaking take seconds
 * on a real line, and callers do not speak in step), speaks one of a few requests and
 * hears the answer; then hangs up and dials again, for {@code SECONDS} after a warm-up. What is
 * measured is the server's time per turn: from the emulator's reply to {@code RECORD FILE} to the
 * next command the script sends (the first prompt of the answer). That includes the loopback call
 * to the fake Speech service (about a millisecond; the real service's time is excluded) and the
 * prompt files (made once in the warm-up: first-time synthesis is excluded).
 *
 * <p>Usage: {@code VoiceLoad HOST FASTAGI_PORT CALLS SECONDS --speech-port PORT [--turns N]
 * [--think MS] [--warmup SECONDS]}. Prints one line: {@code calls=... turns=... errors=...
 * turn p50=...ms p99=...ms p999=...ms max=...ms}; progress every five seconds on stderr.
 */
public final class VoiceLoad {

    /** What callers say: requests that each lead to a search and an answer with options. */
    private static final String[] REQUESTS = {"I need help with falls in Halesowen", "is there a carers group in Stourbridge",
        "I need help with my mental health in Brierley Hill", "help with drinking in Dudley"};

    private VoiceLoad() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 6) {
            System.err.println("usage: VoiceLoad HOST FASTAGI_PORT CALLS SECONDS --speech-port PORT [--turns N] [--think MS]"
                    + " [--warmup SECONDS]");
            System.exit(2);
        }
        String host = args[0];
        int port = Integer.parseInt(args[1]);
        int calls = Integer.parseInt(args[2]);
        int seconds = Integer.parseInt(args[3]);
        int speechPort = Integer.parseInt(option(args, "--speech-port", ""));
        int turns = Integer.parseInt(option(args, "--turns", "8"));
        long think = Long.parseLong(option(args, "--think", "3000"));
        int warmup = Integer.parseInt(option(args, "--warmup", "15"));

        Path voices = Files.createTempDirectory("signpost-callers-");
        FliteSynthesizer callerVoice = FliteSynthesizer.find(voices)
                .orElseThrow(() -> new IllegalStateException("the phone benchmark needs flite (apt-get install flite)"));
        try (FakeSpeech speech = FakeSpeech.start(speechPort)) {
            List<Path> recordings = new ArrayList<>();
            for (String request : REQUESTS) {
                Path wav = Path.of(callerVoice.prompt(request) + ".wav");
                speech.answer(Wav.read(wav).pcm(), request, 0.93f);
                recordings.add(wav);
            }
            run(host, port, calls, seconds, warmup, turns, think, recordings);
        }
    }

    private static void run(String host, int port, int calls, int seconds, int warmup, int turns, long think,
            List<Path> recordings) throws InterruptedException {
        long measureFrom = System.nanoTime() + warmup * 1_000_000_000L;
        long end = measureFrom + seconds * 1_000_000_000L;
        ConcurrentLinkedQueue<Long> measured = new ConcurrentLinkedQueue<>();
        AtomicInteger completedCalls = new AtomicInteger();
        AtomicInteger errors = new AtomicInteger();
        AtomicLong callIds = new AtomicLong();
        CountDownLatch done = new CountDownLatch(calls);
        for (int i = 0; i < calls; i++) {
            Thread caller = new Thread(() -> {
                try {
                    while (System.nanoTime() < end) {
                        try {
                            oneCall(host, port, turns, think, recordings, "1795000000." + callIds.incrementAndGet(), measureFrom, end,
                                    measured);
                            completedCalls.incrementAndGet();
                        } catch (IOException | RuntimeException e) {
                            errors.incrementAndGet();
                            System.err.println("call failed: " + e.getMessage());
                        }
                    }
                } finally {
                    done.countDown();
                }
            }, "caller-" + i);
            caller.setDaemon(true);
            // Calls arrive over a second rather than in one instant, as they would on a real line.
            Thread.sleep(Math.max(1, 1_000 / calls));
            caller.start();
        }
        long started = System.nanoTime();
        while (!done.await(5, java.util.concurrent.TimeUnit.SECONDS)) {
            System.err.printf(Locale.ROOT, "%3ds: %d turns measured, %d calls done, %d errors%n",
                    (System.nanoTime() - started) / 1_000_000_000L, measured.size(), completedCalls.get(), errors.get());
        }
        long[] sorted = measured.stream().mapToLong(Long::longValue).sorted().toArray();
        System.out.printf(Locale.ROOT, "calls=%d concurrent=%d turns=%d errors=%d think=%dms turn p50=%.1fms p99=%.1fms p999=%.1fms max=%.1fms%n",
                completedCalls.get(), calls, sorted.length, errors.get(), think, millis(sorted, 0.50), millis(sorted, 0.99),
                millis(sorted, 0.999), sorted.length == 0 ? 0 : sorted[sorted.length - 1] / 1e6);
        if (errors.get() > 0 || sorted.length == 0) {
            System.exit(1);
        }
    }

    private static void oneCall(String host, int port, int turns, long think, List<Path> recordings, String uniqueId,
            long measureFrom, long end, ConcurrentLinkedQueue<Long> measured) throws IOException {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        try (EmulatedCall call = EmulatedCall.dial(host, port, "signpost", uniqueId, "07700900000",
                words -> recordings.get(Arrays.asList(REQUESTS).indexOf(words)))) {
            Prompted prompted = call.listen();
            for (int turn = 0; turn < turns && prompted.isListening() && System.nanoTime() < end; turn++) {
                // Callers take their own time: a fixed think time would have 200 callers speak in step.
                sleep(think / 2 + random.nextLong(think + 1));
                if (!prompted.waitingWith().orElseThrow().is("RECORD FILE")) {
                    throw new IllegalStateException("the script did not record: " + prompted.waitingWith().orElseThrow().line());
                }
                call.say(REQUESTS[random.nextInt(REQUESTS.length)]);
                long answeredAt = System.nanoTime();
                prompted = call.listen();
                List<Long> times = call.turnNanos();
                if (answeredAt >= measureFrom && answeredAt < end && !times.isEmpty()) {
                    measured.add(times.get(times.size() - 1));
                }
            }
            call.hangUp();
            call.awaitEnd();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static double millis(long[] sorted, double share) {
        if (sorted.length == 0) {
            return 0;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(share * sorted.length) - 1)] / 1e6;
    }

    private static String option(String[] args, String name, String otherwise) {
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        if (otherwise.isEmpty()) {
            throw new IllegalArgumentException(name + " is required");
        }
        return otherwise;
    }
}
