package org.signpost.content;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Objects;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * Reads the content files of a folder, either on the classpath (as packaged in a module's jar or
 * classes folder) or on disk (a deployment's own content). Files are returned sorted by name so
 * that loading, hashing and training are repeatable.
 */
public final class ContentFiles {

    private ContentFiles() {
    }

    /** Every file ending in one of {@code suffixes} below the classpath folder {@code folder}. */
    public static List<ContentFile> fromClasspath(String folder, ClassLoader loader, String... suffixes) {
        Objects.requireNonNull(folder, "folder");
        URL url = loader.getResource(folder);
        if (url == null) {
            throw new ContentException(folder, 0, "no such folder on the classpath");
        }
        try {
            if ("jar".equals(url.getProtocol())) {
                return fromJar(url, folder, loader, suffixes);
            }
            return fromDirectory(Path.of(url.toURI()), folder, suffixes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException("unusable classpath URL " + url, e);
        }
    }

    /** Every file ending in one of {@code suffixes} below {@code directory}, named relative to it. */
    public static List<ContentFile> fromDirectory(Path directory, String prefix, String... suffixes) {
        Objects.requireNonNull(directory, "directory");
        if (!Files.isDirectory(directory)) {
            throw new ContentException(directory.toString(), 0, "no such folder");
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            List<Path> files = paths.filter(Files::isRegularFile)
                    .filter(path -> matches(path.getFileName().toString(), suffixes))
                    .sorted()
                    .toList();
            List<ContentFile> contents = new ArrayList<>(files.size());
            for (Path file : files) {
                String name = prefix + "/" + directory.relativize(file).toString().replace('\\', '/');
                contents.add(new ContentFile(name, Files.readString(file, StandardCharsets.UTF_8)));
            }
            return List.copyOf(contents);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<ContentFile> fromJar(URL url, String folder, ClassLoader loader, String... suffixes)
            throws IOException {
        JarURLConnection connection = (JarURLConnection) url.openConnection();
        connection.setUseCaches(false);
        List<String> names = new ArrayList<>();
        try (JarFile jar = connection.getJarFile()) {
            Enumeration<JarEntry> entries = jar.entries();
            while (entries.hasMoreElements()) {
                JarEntry entry = entries.nextElement();
                if (!entry.isDirectory() && entry.getName().startsWith(folder + "/")
                        && matches(entry.getName(), suffixes)) {
                    names.add(entry.getName());
                }
            }
        }
        names.sort(null);
        List<ContentFile> contents = new ArrayList<>(names.size());
        for (String name : names) {
            try (InputStream in = loader.getResourceAsStream(name)) {
                contents.add(new ContentFile(name, new String(in.readAllBytes(), StandardCharsets.UTF_8)));
            }
        }
        return List.copyOf(contents);
    }

    private static boolean matches(String name, String... suffixes) {
        for (String suffix : suffixes) {
            if (name.endsWith(suffix)) {
                return true;
            }
        }
        return suffixes.length == 0;
    }
}
