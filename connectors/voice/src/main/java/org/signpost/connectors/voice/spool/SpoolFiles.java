package org.signpost.connectors.voice.spool;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

/**
 * Finding what the spool no longer needs. Files there hold what callers said or were told, so
 * each kind is deleted once it has been unused for a while: last modified is last used.
 */
public final class SpoolFiles {

    private SpoolFiles() {
    }

    /**
     * The files of {@code directory} last modified before {@code before}; none when the directory
     * does not exist or cannot be read (the next sweep looks again).
     */
    public static List<Path> unusedSince(Path directory, Instant before) {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(file -> Files.isRegularFile(file) && lastModified(file).isBefore(before)).toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    /** When {@code file} was last written or marked used; long ago when it is gone. */
    public static Instant lastModified(Path file) {
        try {
            return Files.getLastModifiedTime(file).toInstant();
        } catch (IOException e) {
            return Instant.EPOCH;
        }
    }
}
