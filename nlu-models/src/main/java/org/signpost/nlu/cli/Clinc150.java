package org.signpost.nlu.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The CLINC150 data set (Larson et al. 2019, "full" variant): splits of {@code [text, intent]}
 * pairs; out-of-scope examples have the intent {@code oos}.
 */
record Clinc150(Map<String, List<Example>> splits) {

    static final String OUT_OF_SCOPE = "oos";

    record Example(String text, String intent) {
    }

    static Clinc150 read(Path file) {
        Map<String, List<Example>> splits = new HashMap<>();
        try (JsonParser json = new JsonFactory().createParser(file.toFile())) {
            expect(json.nextToken(), JsonToken.START_OBJECT, file);
            while (json.nextToken() == JsonToken.FIELD_NAME) {
                String split = json.currentName();
                expect(json.nextToken(), JsonToken.START_ARRAY, file);
                List<Example> examples = new ArrayList<>();
                while (json.nextToken() == JsonToken.START_ARRAY) {
                    json.nextToken();
                    String text = json.getText();
                    json.nextToken();
                    String intent = json.getText();
                    expect(json.nextToken(), JsonToken.END_ARRAY, file);
                    examples.add(new Example(text, intent));
                }
                splits.put(split, List.copyOf(examples));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        for (String split : List.of("train", "val", "test", "oos_train", "oos_val", "oos_test")) {
            if (!splits.containsKey(split)) {
                throw new IllegalArgumentException(file + " has no '" + split + "' split");
            }
        }
        return new Clinc150(Map.copyOf(splits));
    }

    List<Example> split(String name) {
        return splits.get(name);
    }

    private static void expect(JsonToken token, JsonToken expected, Path file) throws IOException {
        if (token != expected) {
            throw new IOException(file + " is not CLINC150 data: expected " + expected + ", found " + token);
        }
    }
}
