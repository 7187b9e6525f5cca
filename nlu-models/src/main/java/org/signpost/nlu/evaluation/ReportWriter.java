package org.signpost.nlu.evaluation;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes evaluation results as {@code rasa test nlu} does: {@code intent_report.json},
 * {@code intent_errors.json}, {@code intent_confusion_matrix.csv}, plus charts as SVG
 * ({@code intent_confusion_matrix.svg}, {@code intent_histogram.svg}) and the same reports for
 * entities ({@code entity_report.json}, {@code entity_errors.json}).
 */
public final class ReportWriter {

    private static final JsonFactory JSON = new JsonFactory();
    private final Path directory;

    public ReportWriter(Path directory) {
        this.directory = directory;
    }

    /** Writes every report; returns the files written. */
    public List<Path> write(IntentReport intents, EntityReport entities) {
        try {
            Files.createDirectories(directory);
            return List.of(
                    writeJson("intent_report.json", json -> intentReport(json, intents)),
                    writeJson("intent_errors.json", json -> intentErrors(json, intents)),
                    writeText("intent_confusion_matrix.csv", confusionCsv(intents)),
                    writeText("intent_confusion_matrix.svg", Charts.confusionMatrix(intents)),
                    writeText("intent_histogram.svg", Charts.confidenceHistogram(intents)),
                    writeJson("entity_report.json", json -> entityReport(json, entities)),
                    writeJson("entity_errors.json", json -> entityErrors(json, entities)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write reports to " + directory, e);
        }
    }

    /** The {@code intent_report.json} document as text (for an HTTP answer). */
    public static String intentReportJson(IntentReport report) {
        try (StringWriter text = new StringWriter(); JsonGenerator json = JSON.createGenerator(text)) {
            intentReport(json, report);
            json.flush();
            return text.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private interface JsonBody {
        void write(JsonGenerator json) throws IOException;
    }

    private Path writeJson(String name, JsonBody body) throws IOException {
        Path file = directory.resolve(name);
        try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
                JsonGenerator json = JSON.createGenerator(writer)) {
            json.useDefaultPrettyPrinter();
            body.write(json);
        }
        return file;
    }

    private Path writeText(String name, String text) throws IOException {
        Path file = directory.resolve(name);
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }

    private static void intentReport(JsonGenerator json, IntentReport report) throws IOException {
        json.writeStartObject();
        Map<String, Metrics> perIntent = report.perIntent();
        for (String intent : report.labels()) {
            json.writeFieldName(intent);
            json.writeStartObject();
            metricFields(json, perIntent.get(intent));
            json.writeObjectFieldStart("confused_with");
            for (Map.Entry<String, Integer> entry : report.confusedWith(intent).entrySet()) {
                json.writeNumberField(entry.getKey(), entry.getValue());
            }
            json.writeEndObject();
            json.writeEndObject();
        }
        json.writeNumberField("accuracy", report.accuracy());
        metrics(json, "macro avg", report.macroAverage());
        metrics(json, "weighted avg", report.weightedAverage());
        json.writeEndObject();
    }

    private static void intentErrors(JsonGenerator json, IntentReport report) throws IOException {
        json.writeStartArray();
        for (IntentPrediction error : report.errors()) {
            json.writeStartObject();
            json.writeStringField("text", error.text());
            json.writeStringField("intent", error.gold());
            json.writeObjectFieldStart("intent_prediction");
            json.writeStringField("name", error.predicted());
            json.writeNumberField("confidence", error.confidence());
            json.writeEndObject();
            json.writeEndObject();
        }
        json.writeEndArray();
    }

    private static void entityReport(JsonGenerator json, EntityReport report) throws IOException {
        json.writeStartObject();
        for (Map.Entry<String, Metrics> entry : new TreeMap<>(report.perEntity()).entrySet()) {
            json.writeFieldName(entry.getKey());
            json.writeStartObject();
            metricFields(json, entry.getValue());
            json.writeNumberField("value_accuracy", report.valueAccuracy().get(entry.getKey()));
            json.writeEndObject();
        }
        metrics(json, "micro avg", report.microAverage());
        metrics(json, "macro avg", report.macroAverage());
        json.writeEndObject();
    }

    private static void entityErrors(JsonGenerator json, EntityReport report) throws IOException {
        json.writeStartArray();
        for (EntityPrediction error : report.errors()) {
            json.writeStartObject();
            json.writeStringField("text", error.text());
            spans(json, "entities", error.gold());
            spans(json, "predicted_entities", error.predicted());
            json.writeEndObject();
        }
        json.writeEndArray();
    }

    private static void spans(JsonGenerator json, String field, List<EntityPrediction.Span> spans) throws IOException {
        json.writeArrayFieldStart(field);
        for (EntityPrediction.Span span : spans) {
            json.writeStartObject();
            json.writeStringField("entity", span.entity());
            json.writeNumberField("start", span.start());
            json.writeNumberField("end", span.end());
            json.writeStringField("value", span.value());
            json.writeEndObject();
        }
        json.writeEndArray();
    }

    private static void metrics(JsonGenerator json, String name, Metrics metrics) throws IOException {
        json.writeObjectFieldStart(name);
        metricFields(json, metrics);
        json.writeEndObject();
    }

    private static void metricFields(JsonGenerator json, Metrics metrics) throws IOException {
        json.writeNumberField("precision", metrics.precision());
        json.writeNumberField("recall", metrics.recall());
        json.writeNumberField("f1-score", metrics.f1());
        json.writeNumberField("support", metrics.support());
    }

    static String confusionCsv(IntentReport report) {
        List<String> labels = report.labels();
        StringBuilder csv = new StringBuilder("gold \\ predicted");
        labels.forEach(label -> csv.append(',').append(csvField(label)));
        csv.append('\n');
        for (String gold : labels) {
            csv.append(csvField(gold));
            for (String predicted : labels) {
                csv.append(',').append(report.confusion(gold, predicted));
            }
            csv.append('\n');
        }
        return csv.toString();
    }

    private static String csvField(String value) {
        return value.matches("[A-Za-z0-9_ .-]*") ? value : '"' + value.replace("\"", "\"\"") + '"';
    }

    static String percent(double share) {
        return String.format(Locale.ROOT, "%.1f", 100 * share);
    }
}
