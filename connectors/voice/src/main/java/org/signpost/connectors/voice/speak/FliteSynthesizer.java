package org.signpost.connectors.voice.speak;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.signpost.connectors.voice.spool.SpoolFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Prompts spoken by Debian's flite, offline: nothing the bot says leaves the server.
 *
 * <p>The voice is {@value #VOICE}. Of flite's voices ({@code flite -lv}) it is the only one from
 * these islands: a Scottish English speaker, where rms and slt are American and kal an older
 * American diphone voice, buzzier through the telephone's narrow band; awb_time only tells the
 * time. A British accent is what callers to a local health and care line expect, and awb's
 * statistical (clustergen) voice stays clear at 8 kHz. flite's dictionary remains American, so
 * {@link SpokenText} spells some things the British way (Z is "zed").
 *
 * <p>Each prompt is made once: {@code <spool>/prompts/<hash>.wav}, named by a hash of the voice
 * and the spoken text, is reused while it exists, and concurrent calls for the same new text
 * wait for one synthesis. Each use marks the file's modification time, so {@link #forget}
 * deletes what has not been used for a while: read-backs of callers' details go soon after the
 * call, and the prompts every call uses stay. A prompt appears whole or not at all, since Asterisk must never play
 * a half-written file: everything is written under a hidden temporary name and moved into
 * place, the {@code .txt} first. The text is health data: it is never logged, nor put on a
 * command line, where the process list would show it; logs and errors name the hash.
 */
public final class FliteSynthesizer implements SpeechSynthesizer {

    private static final Logger LOG = LoggerFactory.getLogger(FliteSynthesizer.class);

    /** What to install when {@link #find} finds nothing. */
    public static final String DEBIAN_PACKAGE = "flite";
    public static final String VOICE = "awb";
    /** Where Debian's package installs flite, looked at before the PATH. */
    static final Path DEBIAN_BINARY = Path.of("/usr/bin/flite");
    /** flite says a sentence in a tenth of a second, 4,000 characters in 3 s: longer means it is stuck, and a caller waits. */
    static final Duration TIMEOUT = Duration.ofSeconds(10);
    static final String PROMPTS = "prompts";
    private static final int NAME_LENGTH = 32;
    private static final int MAX_ERROR_LENGTH = 500;

    private final Path flite;
    private final Path prompts;
    private final Duration timeout;
    /** Syntheses under way, by prompt name: a second call for the same text waits for the first. */
    private final ConcurrentMap<String, CompletableFuture<Void>> inFlight = new ConcurrentHashMap<>();
    private final Object[] useLocks = Stream.generate(Object::new).limit(64).toArray();

    /**
     * @param flite the flite executable
     * @param spool where prompts are kept, in a {@value #PROMPTS} directory made when first needed
     */
    public FliteSynthesizer(Path flite, Path spool) {
        this(flite, spool, TIMEOUT);
    }

    FliteSynthesizer(Path flite, Path spool, Duration timeout) {
        this.flite = Objects.requireNonNull(flite, "flite");
        this.prompts = Objects.requireNonNull(spool, "spool").toAbsolutePath().resolve(PROMPTS);
        this.timeout = Objects.requireNonNull(timeout, "timeout");
    }

    /**
     * The synthesiser using the installed flite ({@code /usr/bin/flite}, else {@code flite} on
     * the PATH); empty when there is none, and the phone line cannot speak until
     * {@value #DEBIAN_PACKAGE} is installed.
     */
    public static Optional<FliteSynthesizer> find(Path spool) {
        return locate(DEBIAN_BINARY, Objects.requireNonNullElse(System.getenv("PATH"), ""))
                .map(binary -> new FliteSynthesizer(binary, spool));
    }

    /** The first executable of {@code preferred} and {@code flite} in each directory of {@code searchPath}. */
    static Optional<Path> locate(Path preferred, String searchPath) {
        Stream<Path> onPath = Stream.of(searchPath.split(File.pathSeparator)).filter(directory -> !directory.isBlank())
                .map(directory -> Path.of(directory, "flite"));
        return Stream.concat(Stream.of(preferred), onPath)
                .filter(candidate -> Files.isRegularFile(candidate) && Files.isExecutable(candidate))
                .findFirst();
    }

    /**
     * The prompt that says {@code text}, a chat reply: it is first made fit to be heard
     * ({@link SpokenText}), so replies that sound the same share a prompt.
     *
     * @throws SynthesisException also when the text has nothing to say (only emoji, say)
     */
    @Override
    public String prompt(String text) {
        String spoken = SpokenText.of(text);
        if (spoken.isEmpty()) {
            throw new SynthesisException("nothing to say: the text is only symbols or emoji");
        }
        String name = name(spoken);
        Path prompt = prompts.resolve(name);
        boolean exists;
        synchronized (lockFor(name)) {
            exists = markUsed(wav(prompt));
        }
        if (!exists) {
            synthesiseOnce(name, spoken, prompt);
        }
        return prompt.toString();
    }

    /**
     * The lock {@link #forget} and a use of the same prompt share, so a prompt is never deleted
     * between being marked used and being played. Striped: a lock per name would need forgetting too.
     */
    private Object lockFor(String name) {
        return useLocks[Math.floorMod(name.hashCode(), useLocks.length)];
    }

    /** Whether the prompt exists; if it does, it is marked used now, so it is not forgotten. */
    private static boolean markUsed(Path wav) {
        try {
            Files.setLastModifiedTime(wav, FileTime.from(Instant.now()));
            return true;
        } catch (NoSuchFileException e) {
            return false;
        } catch (IOException e) {
            return Files.exists(wav);
        }
    }

    /**
     * Deletes prompts unused for {@code unusedFor}, and what a synthesis that died half-way left
     * (hidden temporaries, a text without its sound). The sound goes first, so no one finds a
     * prompt without its text.
     */
    @Override
    public int forget(Duration unusedFor) {
        Instant before = Instant.now().minus(unusedFor);
        int forgotten = 0;
        for (Path file : SpoolFiles.unusedSince(prompts, before)) {
            String fileName = file.getFileName().toString();
            if (fileName.startsWith(".") || fileName.endsWith(".txt") && !Files.exists(wav(withoutExtension(file)))) {
                deleteQuietly(file);
            } else if (fileName.endsWith(".wav") && forgetIfUnused(withoutExtension(file), before)) {
                forgotten++;
            }
        }
        return forgotten;
    }

    private boolean forgetIfUnused(Path prompt, Instant before) {
        synchronized (lockFor(prompt.getFileName().toString())) {
            if (!SpoolFiles.lastModified(wav(prompt)).isBefore(before)) {
                return false;
            }
            deleteQuietly(wav(prompt));
            deleteQuietly(txt(prompt));
            return true;
        }
    }

    private static Path withoutExtension(Path file) {
        String fileName = file.getFileName().toString();
        return file.resolveSibling(fileName.substring(0, fileName.lastIndexOf('.')));
    }

    private void synthesiseOnce(String name, String spoken, Path prompt) {
        CompletableFuture<Void> mine = new CompletableFuture<>();
        CompletableFuture<Void> running = inFlight.putIfAbsent(name, mine);
        if (running != null) {
            await(name, running);
            return;
        }
        try {
            // Another call may have finished it between this one's look and its claim.
            if (!Files.exists(wav(prompt))) {
                synthesise(name, spoken, prompt);
            }
            mine.complete(null);
        } catch (RuntimeException | Error e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            inFlight.remove(name, mine);
        }
    }

    private static void await(String name, CompletableFuture<Void> running) {
        try {
            running.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SynthesisException("interrupted waiting for prompt " + name, e);
        } catch (ExecutionException e) {
            throw new SynthesisException(e.getCause().getMessage(), e.getCause());
        }
    }

    private void synthesise(String name, String spoken, Path prompt) {
        long started = System.nanoTime();
        // Hidden and unique: never taken for a prompt, never shared with another process's attempt.
        String temporary = "." + name + "." + UUID.randomUUID();
        Path input = null;
        Path spokenAt16k = prompts.resolve(temporary + ".flite.wav");
        Path errors = prompts.resolve(temporary + ".err");
        Path wavPart = prompts.resolve(temporary + ".wav.part");
        Path textPart = prompts.resolve(temporary + ".txt.part");
        try {
            Files.createDirectories(prompts);
            // A temporary file is readable by its owner only.
            input = Files.createTempFile(prompts, temporary, ".in.txt");
            Files.writeString(input, spoken, StandardCharsets.UTF_8);
            runFlite(name, input, spokenAt16k, errors);
            Wav sound = Wav.read(spokenAt16k).resampledTo(Wav.TELEPHONE_RATE);
            if (sound.duration().isZero()) {
                throw new SynthesisException("flite made no sound for prompt " + name + errorsSaid(errors));
            }
            Files.write(wavPart, sound.bytes(), StandardOpenOption.CREATE_NEW);
            Files.writeString(textPart, spoken, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW);
            // The text first: whoever finds the sound finds what it says.
            Files.move(textPart, txt(prompt), StandardCopyOption.ATOMIC_MOVE);
            Files.move(wavPart, wav(prompt), StandardCopyOption.ATOMIC_MOVE);
            LOG.debug("Prompt {} made: {} ms of speech in {} ms", name, sound.duration().toMillis(),
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
        } catch (IOException | IllegalArgumentException e) {
            throw new SynthesisException("could not make prompt " + name + " in " + prompts + ": " + e.getMessage(), e);
        } finally {
            for (Path leftover : Arrays.asList(input, spokenAt16k, errors, wavPart, textPart)) {
                deleteQuietly(leftover);
            }
        }
    }

    /**
     * flite reads the text from a file: on its command line the text could pass for an option, and
     * would show in the process list.
     */
    private void runFlite(String name, Path input, Path output, Path errors) throws IOException {
        Process process = new ProcessBuilder(flite.toString(), "-voice", VOICE, "-f", input.toString(), "-o", output.toString())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(errors.toFile())
                .start();
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                stop(process);
                throw new SynthesisException("flite took longer than " + timeout.toMillis() + " ms for prompt " + name);
            }
        } catch (InterruptedException e) {
            stop(process);
            Thread.currentThread().interrupt();
            throw new SynthesisException("interrupted making prompt " + name, e);
        }
        if (process.exitValue() != 0) {
            throw new SynthesisException("flite failed for prompt " + name + " with exit " + process.exitValue()
                    + errorsSaid(errors));
        }
        // flite exits 0 also when it could not write its output.
        if (!Files.isRegularFile(output) || Files.size(output) <= Wav.HEADER_BYTES) {
            throw new SynthesisException("flite made no sound for prompt " + name + errorsSaid(errors));
        }
    }

    private static void stop(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    /** What flite wrote to its standard error, for an exception message: ": ..." or nothing. */
    private static String errorsSaid(Path errors) {
        try {
            String said = Files.readString(errors, StandardCharsets.UTF_8).strip().replaceAll("\\s+", " ");
            if (said.length() > MAX_ERROR_LENGTH) {
                said = said.substring(0, MAX_ERROR_LENGTH) + "...";
            }
            return said.isEmpty() ? "" : ": " + said;
        } catch (IOException e) {
            return "";
        }
    }

    private static void deleteQuietly(Path file) {
        if (file == null) {
            return;
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warn("Could not delete {}: {}", file, e.getMessage());
        }
    }

    /** The prompt's file name: the voice is in it, so another voice never reuses this one's files. */
    static String name(String spoken) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest((VOICE + "\n" + spoken).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash).substring(0, NAME_LENGTH);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }

    static Path wav(Path prompt) {
        return prompt.resolveSibling(prompt.getFileName() + ".wav");
    }

    static Path txt(Path prompt) {
        return prompt.resolveSibling(prompt.getFileName() + ".txt");
    }
}
