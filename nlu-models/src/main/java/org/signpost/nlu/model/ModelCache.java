package org.signpost.nlu.model;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Trained models on disk, one file per key (a hash of everything the model was trained from), so
 * a restart with unchanged training data loads instead of retraining. Files are written to a
 * temporary name and moved into place, so a crash never leaves a half-written model behind.
 */
public final class ModelCache {

    private static final Pattern KEY = Pattern.compile("[a-z0-9\\-]{8,128}");
    private final Path directory;

    public ModelCache(Path directory) {
        this.directory = Objects.requireNonNull(directory, "directory");
    }

    public Path directory() {
        return directory;
    }

    public boolean contains(String key) {
        return Files.isRegularFile(fileFor(key));
    }

    public Optional<byte[]> get(String key) {
        Path file = fileFor(key);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read cached model " + file, e);
        }
    }

    public void put(String key, byte[] model) {
        Path file = fileFor(key);
        try {
            Files.createDirectories(directory);
            Path temporary = Files.createTempFile(directory, "model-", ".tmp");
            Files.write(temporary, model);
            try {
                Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write model cache in " + directory, e);
        }
    }

    private Path fileFor(String key) {
        if (!KEY.matcher(key).matches()) {
            throw new IllegalArgumentException("key must be 8-128 characters of a-z, 0-9 and -, was " + key);
        }
        return directory.resolve(key + ".bin");
    }
}
