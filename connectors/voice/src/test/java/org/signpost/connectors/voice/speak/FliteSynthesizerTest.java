package org.signpost.connectors.voice.speak;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** Runs the real flite: the prompts are what Asterisk would play. */
class FliteSynthesizerTest {

    private static final String SENTENCE = "Your appointment is at 10am at the surgery on High Street.";

    @TempDir
    Path spool;
    @TempDir
    Path bin;
    private Path flite;

    @BeforeEach
    void needsFlite() {
        Optional<Path> installed = FliteSynthesizer.locate(FliteSynthesizer.DEBIAN_BINARY, System.getenv("PATH"));
        // ./scripts/test installs flite; without it these tests fail rather than pass unseen.
        flite = installed.orElseThrow(() -> new IllegalStateException(
                "flite is not installed: apt-get install " + FliteSynthesizer.DEBIAN_PACKAGE));
    }

    @Test
    void makesAnAsteriskPromptOf8kHzMono16BitPcm() throws IOException {
        String prompt = new FliteSynthesizer(flite, spool).prompt(SENTENCE);

        assertThat(Path.of(prompt)).isAbsolute();
        assertThat(Path.of(prompt).getParent()).isEqualTo(spool.toAbsolutePath().resolve("prompts"));
        assertThat(Path.of(prompt).getFileName().toString()).matches("[0-9a-f]{32}");
        ByteBuffer header = ByteBuffer.wrap(Files.readAllBytes(Path.of(prompt + ".wav"))).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(header.getShort(20)).as("PCM").isEqualTo((short) 1);
        assertThat(header.getShort(22)).as("channels").isEqualTo((short) 1);
        assertThat(header.getInt(24)).as("sample rate").isEqualTo(8000);
        assertThat(header.getShort(34)).as("bits per sample").isEqualTo((short) 16);
        assertThat(header.getInt(40)).as("data size").isEqualTo(header.capacity() - 44);
        Wav sound = Wav.read(Path.of(prompt + ".wav"));
        assertThat(sound.duration()).isBetween(Duration.ofMillis(300), Duration.ofSeconds(10));
        assertThat(maxAmplitude(sound)).as("not silence").isGreaterThan(1000);
    }

    @Test
    void theTextFileHoldsWhatIsSpoken() throws IOException {
        String text = "Call 01384 818181 👍";

        String prompt = new FliteSynthesizer(flite, spool).prompt(text);

        assertThat(Files.readString(Path.of(prompt + ".txt"))).isEqualTo(SpokenText.of(text))
                .isEqualTo("Call 0 1 3 8 4, 8 1 8 1 8 1");
    }

    @Test
    void theSameTextIsMadeOnce() throws IOException {
        FliteSynthesizer synthesizer = new FliteSynthesizer(counting(), spool);
        String first = synthesizer.prompt(SENTENCE);

        String second = synthesizer.prompt(SENTENCE);

        assertThat(second).isEqualTo(first);
        assertThat(runs()).isEqualTo(1);
        // Another synthesiser on the same spool (the server restarted) finds it too.
        assertThat(new FliteSynthesizer(counting(), spool).prompt(SENTENCE)).isEqualTo(first);
        assertThat(runs()).isEqualTo(1);
    }

    @Test
    void promptsUnusedForAWhileAreForgottenAndUsedOnesKept() throws IOException {
        FliteSynthesizer synthesizer = new FliteSynthesizer(counting(), spool);
        Path readBack = Path.of(synthesizer.prompt("Your NHS number is 943 476 5919."));
        Path everyCall = Path.of(synthesizer.prompt(SENTENCE));
        FileTime twoHoursAgo = FileTime.from(Instant.now().minus(Duration.ofHours(2)));
        for (Path prompt : List.of(readBack, everyCall)) {
            Files.setLastModifiedTime(Path.of(prompt + ".wav"), twoHoursAgo);
            Files.setLastModifiedTime(Path.of(prompt + ".txt"), twoHoursAgo);
        }
        Path leftover = Files.writeString(everyCall.resolveSibling(".abc.in.txt"), "half made");
        Files.setLastModifiedTime(leftover, twoHoursAgo);
        // A call uses this one again: it is marked used, and stays.
        assertThat(synthesizer.prompt(SENTENCE)).isEqualTo(everyCall.toString());

        assertThat(synthesizer.forget(Duration.ofHours(1))).isEqualTo(1);

        assertThat(Path.of(readBack + ".wav")).doesNotExist();
        assertThat(Path.of(readBack + ".txt")).doesNotExist();
        assertThat(leftover).doesNotExist();
        assertThat(Path.of(everyCall + ".wav")).exists();
        assertThat(Path.of(everyCall + ".txt")).exists();
        // Forgotten is not gone for good: asked again, it is made again.
        assertThat(synthesizer.prompt("Your NHS number is 943 476 5919.")).isEqualTo(readBack.toString());
        assertThat(Path.of(readBack + ".wav")).exists();
        assertThat(runs()).isEqualTo(3);
    }

    @Test
    void forgettingBeforeAnyPromptWasMadeForgetsNothing() {
        assertThat(new FliteSynthesizer(flite, spool).forget(Duration.ZERO)).isZero();
    }

    @Test
    void repliesThatSoundTheSameShareAPrompt() {
        FliteSynthesizer synthesizer = new FliteSynthesizer(flite, spool);

        assertThat(synthesizer.prompt("Call **999** now 🚑")).isEqualTo(synthesizer.prompt("Call 999 now"));
        assertThat(synthesizer.prompt("Call 999 now")).isNotEqualTo(synthesizer.prompt("Call 111 now"));
    }

    @Test
    void twentyCallersAskingForTheSameNewTextShareOneSynthesis() throws Exception {
        FliteSynthesizer synthesizer = new FliteSynthesizer(counting(), spool);
        int callers = 20;
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        CountDownLatch ready = new CountDownLatch(callers);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<String>> prompts = new ArrayList<>();
        try {
            for (int i = 0; i < callers; i++) {
                prompts.add(pool.submit((Callable<String>) () -> {
                    ready.countDown();
                    go.await();
                    return synthesizer.prompt(SENTENCE);
                }));
            }
            ready.await();
            go.countDown();
            List<String> made = new ArrayList<>();
            for (Future<String> prompt : prompts) {
                made.add(prompt.get(30, TimeUnit.SECONDS));
            }

            assertThat(made).hasSize(callers).containsOnly(made.get(0));
            assertThat(runs()).isEqualTo(1);
            assertThat(Path.of(made.get(0) + ".wav")).isRegularFile();
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void textThatAShellWouldInterpretIsJustSpoken() throws IOException {
        String text = "He said \"don't\" -t 'quoted'\n$(touch pwned); `touch pwned` & \\ done";

        String prompt = new FliteSynthesizer(flite, spool).prompt(text);

        assertThat(Path.of(prompt + ".wav")).isRegularFile();
        assertThat(Files.readString(Path.of(prompt + ".txt"))).isEqualTo(SpokenText.of(text))
                .contains("\"don't\"", "$(touch pwned)");
        assertThat(Path.of("pwned")).doesNotExist();
        assertThat(spool.resolve("prompts/pwned")).doesNotExist();
    }

    @Test
    void onlyFinishedPromptsAreLeftInTheSpool() throws IOException {
        FliteSynthesizer synthesizer = new FliteSynthesizer(flite, spool);

        String prompt = synthesizer.prompt(SENTENCE);
        synthesizer.prompt("Is there anything else?");

        assertThat(files(spool.resolve("prompts"))).hasSize(4).allMatch(name -> name.matches("[0-9a-f]{32}\\.(wav|txt)"))
                .contains(Path.of(prompt).getFileName() + ".wav", Path.of(prompt).getFileName() + ".txt");
    }

    @Test
    void textWithNothingToSayIsRefused() {
        assertThatThrownBy(() -> new FliteSynthesizer(flite, spool).prompt("👍 **"))
                .isInstanceOf(SynthesisException.class).hasMessageContaining("nothing to say");
    }

    @Test
    void aFailingFliteIsReportedWithWhatItSaidAndNotTheText() throws IOException {
        Path failing = script("failing", "echo 'flite: voice not found' >&2", "exit 3");

        assertThatThrownBy(() -> new FliteSynthesizer(failing, spool).prompt(SENTENCE))
                .isInstanceOf(SynthesisException.class)
                .hasMessageContaining("exit 3").hasMessageContaining("flite: voice not found")
                .hasMessageContaining(FliteSynthesizer.name(SpokenText.of(SENTENCE)))
                .hasMessageNotContaining("appointment");
        assertThat(files(spool.resolve("prompts"))).isEmpty();
    }

    @Test
    void fliteThatWritesNoSoundIsAFailure() throws IOException {
        Path silent = script("silent", "exit 0");

        assertThatThrownBy(() -> new FliteSynthesizer(silent, spool).prompt(SENTENCE))
                .isInstanceOf(SynthesisException.class).hasMessageContaining("no sound");
        assertThat(files(spool.resolve("prompts"))).isEmpty();
    }

    @Test
    void aStuckFliteIsStoppedAtTheTimeout() throws IOException {
        Path stuck = script("stuck", "exec sleep 30");
        long started = System.nanoTime();

        assertThatThrownBy(() -> new FliteSynthesizer(stuck, spool, Duration.ofMillis(300)).prompt(SENTENCE))
                .isInstanceOf(SynthesisException.class).hasMessageContaining("longer than 300 ms");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
        assertThat(files(spool.resolve("prompts"))).isEmpty();
    }

    @Test
    void aFailureIsNotRemembered() throws IOException {
        Path marker = bin.resolve("failed-once");
        Path failsOnce = script("fails-once", "if [ ! -e '" + marker + "' ]; then touch '" + marker + "'; exit 1; fi",
                "exec '" + flite + "' \"$@\"");
        FliteSynthesizer synthesizer = new FliteSynthesizer(failsOnce, spool);

        assertThatThrownBy(() -> synthesizer.prompt(SENTENCE)).isInstanceOf(SynthesisException.class);
        assertThat(Path.of(synthesizer.prompt(SENTENCE) + ".wav")).isRegularFile();
    }

    @Test
    void logsNameThePromptNeverTheText() throws IOException {
        Logger logger = (Logger) LoggerFactory.getLogger(FliteSynthesizer.class);
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        logged.start();
        logger.addAppender(logged);
        Level level = logger.getLevel();
        logger.setLevel(Level.DEBUG);
        logger.setAdditive(false); // kept off the console
        try {
            String prompt = new FliteSynthesizer(flite, spool).prompt("I feel anxious about my diabetes.");

            assertThat(logged.list).isNotEmpty().allSatisfy(event -> assertThat(event.getFormattedMessage())
                    .doesNotContainIgnoringCase("anxious").doesNotContainIgnoringCase("diabetes"));
            assertThat(logged.list).anySatisfy(event -> assertThat(event.getFormattedMessage())
                    .contains(Path.of(prompt).getFileName().toString()));
        } finally {
            logger.setLevel(level);
            logger.setAdditive(true);
            logger.detachAppender(logged);
        }
    }

    @Test
    void findsTheInstalledFlite() throws IOException {
        Path elsewhere = script("flite", "exit 0");

        assertThat(FliteSynthesizer.find(spool)).isPresent();
        assertThat(FliteSynthesizer.locate(bin.resolve("missing"), "/nowhere:" + bin)).contains(elsewhere);
        assertThat(FliteSynthesizer.locate(bin.resolve("missing"), "/nowhere")).isEmpty();
        assertThat(FliteSynthesizer.locate(bin.resolve("missing"), "")).isEmpty();
    }

    @AfterEach
    void noPromptIsHalfWritten() throws IOException {
        Path prompts = spool.resolve("prompts");
        if (Files.isDirectory(prompts)) {
            assertThat(files(prompts)).noneMatch(name -> name.startsWith("."));
        }
    }

    /** flite behind a script that counts its runs, and is slow enough for callers to overlap. */
    private Path counting() throws IOException {
        return script("counting-flite", "echo run >> '" + bin.resolve("runs") + "'", "sleep 0.3", "exec '" + flite + "' \"$@\"");
    }

    private int runs() throws IOException {
        Path runs = bin.resolve("runs");
        return Files.exists(runs) ? Files.readAllLines(runs).size() : 0;
    }

    private Path script(String name, String... lines) throws IOException {
        Path script = bin.resolve(name);
        Files.writeString(script, "#!/bin/sh\n" + String.join("\n", lines) + "\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        return script;
    }

    private static List<String> files(Path directory) throws IOException {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(file -> file.getFileName().toString()).toList();
        }
    }

    private static int maxAmplitude(Wav sound) {
        int max = 0;
        for (short sample : sound.samples()) {
            max = Math.max(max, Math.abs(sample));
        }
        return max;
    }
}
