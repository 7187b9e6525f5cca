package org.signpost.connectors.voice.listen;

import com.google.api.gax.core.CredentialsProvider;
import com.google.api.gax.core.NoCredentialsProvider;
import com.google.api.gax.grpc.InstantiatingGrpcChannelProvider;
import com.google.api.gax.rpc.ApiException;
import com.google.api.gax.rpc.TransportChannelProvider;
import com.google.cloud.speech.v1.RecognitionAudio;
import com.google.cloud.speech.v1.RecognitionConfig;
import com.google.cloud.speech.v1.RecognizeRequest;
import com.google.cloud.speech.v1.RecognizeResponse;
import com.google.cloud.speech.v1.SpeechClient;
import com.google.cloud.speech.v1.SpeechContext;
import com.google.cloud.speech.v1.SpeechRecognitionAlternative;
import com.google.cloud.speech.v1.SpeechRecognitionResult;
import com.google.protobuf.ByteString;
import io.grpc.ManagedChannelBuilder;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Speech recognition by Google Cloud Speech-to-Text (v1), one synchronous {@code Recognize} call
 * per recording. Safe to call from many threads at once: calls share one client and its channel.
 *
 * <p>What callers say is health data: nothing here logs a transcript or audio, only the status of
 * a failed call.
 */
public final class GoogleSpeechRecogniser implements SpeechRecogniser {

    static final int SAMPLE_RATE_HERTZ = 8_000;
    static final String LANGUAGE = "en-GB";

    /**
     * Google's model for phone audio: trained on 8 kHz calls, where the default and the command
     * models are trained on wide-band audio and do worse on a phone line. It supports en-GB.
     */
    static final String MODEL = "telephony";

    /** Synchronous recognition takes at most a minute of audio (16-bit samples, 2 bytes each). */
    static final int MAX_AUDIO_BYTES = 60 * SAMPLE_RATE_HERTZ * 2;

    private static final Logger LOG = LoggerFactory.getLogger(GoogleSpeechRecogniser.class);

    /** How long close() waits for calls under way to finish before cutting them off. */
    private static final long CLOSE_GRACE_SECONDS = 2;

    private final SpeechClient client;
    private final RecognitionConfig config;

    private GoogleSpeechRecogniser(SpeechClient client, SpeechSettings settings) {
        this.client = client;
        this.config = config(settings);
    }

    /**
     * A client of the Speech service the settings name: over TLS with Application Default
     * Credentials, or in plaintext without credentials.
     *
     * @throws IOException when the credentials cannot be found or read
     */
    public static GoogleSpeechRecogniser connect(SpeechSettings settings) throws IOException {
        Objects.requireNonNull(settings, "settings");
        TransportChannelProvider transport = settings.plaintext()
                ? InstantiatingGrpcChannelProvider.newBuilder()
                        .setEndpoint(settings.endpoint())
                        .setChannelConfigurator(GoogleSpeechRecogniser::plaintext)
                        .build()
                : com.google.cloud.speech.v1.SpeechSettings.defaultTransportChannelProvider();
        return connect(settings, transport);
    }

    /**
     * A client that reaches the Speech service through {@code transport}, e.g. an in-process channel
     * in tests; its endpoint is then the transport's. Credentials as in {@link #connect(SpeechSettings)}.
     *
     * @throws IOException when the credentials cannot be found or read
     */
    public static GoogleSpeechRecogniser connect(SpeechSettings settings, TransportChannelProvider transport)
            throws IOException {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(transport, "transport");
        CredentialsProvider credentials = settings.plaintext()
                ? NoCredentialsProvider.create()
                : com.google.cloud.speech.v1.SpeechSettings.defaultCredentialsProviderBuilder().build();
        com.google.cloud.speech.v1.SpeechSettings.Builder client = com.google.cloud.speech.v1.SpeechSettings.newBuilder()
                .setEndpoint(settings.endpoint())
                .setTransportChannelProvider(transport)
                .setCredentialsProvider(credentials);
        // One attempt, with the timeout as its gRPC deadline. Google's defaults retry UNAVAILABLE and
        // DEADLINE_EXCEEDED under deadlines far longer than a caller will wait in silence: better to
        // fall back to the keypad at once, and the caller can always be asked again.
        client.recognizeSettings().setSimpleTimeoutNoRetriesDuration(settings.timeout());
        return new GoogleSpeechRecogniser(SpeechClient.create(client.build()), settings);
    }

    /** No TLS, for a private or test endpoint; a method because gax names the channel builder as a raw type. */
    private static ManagedChannelBuilder<?> plaintext(ManagedChannelBuilder<?> channel) {
        return channel.usePlaintext();
    }

    @Override
    public boolean isAvailable() {
        return true;
    }

    @Override
    public Recognition recognise(byte[] linear16) {
        Objects.requireNonNull(linear16, "linear16");
        if (linear16.length == 0) {
            return Recognition.nothing();
        }
        if (linear16.length > MAX_AUDIO_BYTES) {
            LOG.warn("Speech recognition not asked: the recording is {} bytes, over the minute ({} bytes) that synchronous "
                    + "recognition takes", linear16.length, MAX_AUDIO_BYTES);
            return Recognition.unavailable();
        }
        RecognizeRequest request = RecognizeRequest.newBuilder()
                .setConfig(config)
                .setAudio(RecognitionAudio.newBuilder().setContent(ByteString.copyFrom(linear16)))
                .build();
        try {
            return recognition(client.recognize(request));
        } catch (ApiException e) {
            // The status only: the exception's message is the server's and may quote the request.
            LOG.warn("Speech recognition failed: {}", e.getStatusCode().getCode());
            return Recognition.unavailable();
        } catch (RuntimeException e) {
            LOG.warn("Speech recognition failed: {}", e.getClass().getName());
            return Recognition.unavailable();
        }
    }

    @Override
    public void close() {
        client.shutdown();
        try {
            if (!client.awaitTermination(CLOSE_GRACE_SECONDS, TimeUnit.SECONDS)) {
                client.shutdownNow();
            }
        } catch (InterruptedException e) {
            client.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    private static RecognitionConfig config(SpeechSettings settings) {
        RecognitionConfig.Builder config = RecognitionConfig.newBuilder()
                .setEncoding(RecognitionConfig.AudioEncoding.LINEAR16)
                .setSampleRateHertz(SAMPLE_RATE_HERTZ)
                .setAudioChannelCount(1)
                .setLanguageCode(LANGUAGE)
                .setModel(MODEL)
                // The bot must hear what callers say, whatever words they use.
                .setProfanityFilter(false)
                .setMaxAlternatives(1);
        if (!settings.phraseHints().isEmpty()) {
            // No boost: without measurements on real calls, a boost risks hearing a locality in
            // words that only sound like one; the hints alone already favour these phrases.
            config.addSpeechContexts(SpeechContext.newBuilder().addAllPhrases(settings.phraseHints()));
        }
        return config.build();
    }

    /**
     * Each result is a stretch of the recording between pauses, so the words are its results'
     * best alternatives in order. The confidence is the lowest of theirs: the dialog confirms what it
     * is unsure of, and the least sure stretch may be the one that names the service. Google leaves
     * a confidence at 0 when it did not estimate one; those are skipped, and the confidence is
     * {@link Recognition#UNKNOWN} when none was.
     */
    static Recognition recognition(RecognizeResponse response) {
        List<String> transcripts = new ArrayList<>();
        float lowest = Float.NaN;
        for (SpeechRecognitionResult result : response.getResultsList()) {
            if (result.getAlternativesCount() == 0) {
                continue;
            }
            SpeechRecognitionAlternative best = result.getAlternatives(0);
            String transcript = best.getTranscript().strip();
            if (transcript.isEmpty()) {
                continue;
            }
            transcripts.add(transcript);
            if (best.getConfidence() > 0f) {
                lowest = Float.isNaN(lowest) ? best.getConfidence() : Math.min(lowest, best.getConfidence());
            }
        }
        if (transcripts.isEmpty()) {
            return Recognition.nothing();
        }
        String words = String.join(" ", transcripts);
        return Float.isNaN(lowest) ? Recognition.heard(words) : Recognition.heard(words, lowest);
    }
}
