package org.signpost.connectors.voice.listen;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.google.cloud.speech.v1.RecognitionConfig;
import com.google.cloud.speech.v1.RecognizeRequest;
import com.google.cloud.speech.v1.RecognizeResponse;
import com.google.cloud.speech.v1.SpeechRecognitionAlternative;
import com.google.cloud.speech.v1.SpeechRecognitionResult;
import io.grpc.Status;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class GoogleSpeechRecogniserTest {

    private static final List<String> HINTS = List.of("Dudley Council Plus", "Brierley Hill", "Sedgley", "Halesowen");

    /** Failures must come back well within this, whatever the client's defaults would do. */
    private static final Duration PROMPTLY = Duration.ofSeconds(3);

    private FakeSpeech fake;
    private final List<GoogleSpeechRecogniser> recognisers = new ArrayList<>();

    @BeforeEach
    void startTheFake() {
        fake = FakeSpeech.start();
    }

    @AfterEach
    void stopEverything() {
        recognisers.forEach(GoogleSpeechRecogniser::close);
        fake.close();
    }

    @Test
    void hearsOverLoopbackTcpWithTheTranscriptAndConfidence() throws IOException {
        byte[] audio = recording(1);
        fake.answer(audio, "I need help with housing in Brierley Hill", 0.87f);

        Recognition heard = overTcp(settings()).recognise(audio);

        assertThat(heard).isEqualTo(Recognition.heard("I need help with housing in Brierley Hill", 0.87f));
    }

    @Test
    void hearsInProcess() throws IOException {
        byte[] audio = recording(2);
        fake.answer(audio, "carers support", 0.93f);

        Recognition heard = inProcess(settings()).recognise(audio);

        assertThat(heard).isEqualTo(Recognition.heard("carers support", 0.93f));
    }

    @Test
    void asksForEnglishPhoneAudioWithTheHintsAndTheExactRecording() throws IOException {
        byte[] audio = recording(3);

        overTcp(settings()).recognise(audio);

        RecognizeRequest request = fake.onlyRequest();
        RecognitionConfig config = request.getConfig();
        assertThat(config.getEncoding()).isEqualTo(RecognitionConfig.AudioEncoding.LINEAR16);
        assertThat(config.getSampleRateHertz()).isEqualTo(8_000);
        assertThat(config.getAudioChannelCount()).isEqualTo(1);
        assertThat(config.getLanguageCode()).isEqualTo("en-GB");
        assertThat(config.getModel()).isEqualTo("telephony");
        assertThat(config.getProfanityFilter()).isFalse();
        assertThat(config.getMaxAlternatives()).isEqualTo(1);
        assertThat(config.getSpeechContextsList()).hasSize(1);
        assertThat(config.getSpeechContexts(0).getPhrasesList()).containsExactlyElementsOf(HINTS);
        assertThat(request.getAudio().getContent().toByteArray()).isEqualTo(audio);
    }

    @Test
    void sendsNoSpeechContextWithoutHints() throws IOException {
        overTcp(SpeechSettings.plaintext(fake.endpoint())).recognise(recording(4));

        assertThat(fake.onlyRequest().getConfig().getSpeechContextsList()).isEmpty();
    }

    @Test
    void joinsTheWordsOfEveryResultAndKeepsTheLeastConfidence() throws IOException {
        byte[] audio = recording(5);
        fake.answer(audio, RecognizeResponse.newBuilder()
                .addResults(result("my mum needs", 0.91f))
                .addResults(result("", 0.99f))
                .addResults(SpeechRecognitionResult.getDefaultInstance())
                .addResults(result("a carer in Sedgley", 0.64f))
                .addResults(result("please", 0f))
                .build());

        Recognition heard = overTcp(settings()).recognise(audio);

        assertThat(heard).isEqualTo(Recognition.heard("my mum needs a carer in Sedgley please", 0.64f));
    }

    @Test
    void aTranscriptWithoutAConfidenceIsHeardWithNone() throws IOException {
        byte[] audio = recording(6);
        fake.answer(audio, "yes", 0f);

        assertThat(overTcp(settings()).recognise(audio)).isEqualTo(Recognition.heard("yes"));
    }

    @Test
    void anAnswerWithoutWordsIsNothing() throws IOException {
        byte[] silence = recording(7);
        byte[] blank = recording(8);
        byte[] unknown = recording(9);
        fake.answerNothing(silence).answer(blank, "   ", 0.5f);
        GoogleSpeechRecogniser recogniser = overTcp(settings());

        assertThat(recogniser.recognise(silence)).isEqualTo(Recognition.nothing());
        assertThat(recogniser.recognise(blank)).isEqualTo(Recognition.nothing());
        assertThat(recogniser.recognise(unknown)).isEqualTo(Recognition.nothing());
    }

    @Test
    void anEmptyRecordingIsNothingWithoutAsking() throws IOException {
        assertThat(overTcp(settings()).recognise(new byte[0])).isEqualTo(Recognition.nothing());
        assertThat(fake.requestCount()).isZero();
    }

    @Test
    void aRecordingOverAMinuteIsUnavailableWithoutAsking() throws IOException {
        byte[] tooLong = new byte[60 * 8_000 * 2 + 2];

        assertThat(overTcp(settings()).recognise(tooLong)).isEqualTo(Recognition.unavailable());
        assertThat(fake.requestCount()).isZero();
    }

    @Test
    void anUnavailableServiceIsUnavailableAtOnceWithoutRetries() throws IOException {
        fake.failWith(Status.UNAVAILABLE.withDescription("backend overloaded"));
        GoogleSpeechRecogniser recogniser = overTcp(settings());

        long started = System.nanoTime();
        Recognition recognition = recogniser.recognise(recording(10));

        assertThat(recognition).isEqualTo(Recognition.unavailable());
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(PROMPTLY);
        assertThat(fake.requestCount()).isEqualTo(1);
    }

    @Test
    void anInternalErrorIsUnavailable() throws IOException {
        fake.failWith(Status.INTERNAL, 1);
        GoogleSpeechRecogniser recogniser = inProcess(settings());
        byte[] audio = recording(11);
        fake.answer(audio, "hello", 0.8f);

        long started = System.nanoTime();
        assertThat(recogniser.recognise(audio)).isEqualTo(Recognition.unavailable());
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(PROMPTLY);
        assertThat(recogniser.recognise(audio)).isEqualTo(Recognition.heard("hello", 0.8f));
    }

    @Test
    void aServiceThatNeverAnswersIsUnavailableAfterTheTimeout() throws IOException {
        fake.neverAnswer();
        Duration timeout = Duration.ofMillis(300);
        GoogleSpeechRecogniser recogniser = overTcp(settings().withTimeout(timeout));

        long started = System.nanoTime();
        Recognition recognition = recogniser.recognise(recording(12));
        Duration waited = Duration.ofNanos(System.nanoTime() - started);

        assertThat(recognition).isEqualTo(Recognition.unavailable());
        assertThat(waited).isGreaterThanOrEqualTo(timeout.minusMillis(50)).isLessThan(PROMPTLY);
        assertThat(fake.requestCount()).isEqualTo(1);
    }

    @Test
    void nobodyListeningIsUnavailable() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            closedPort = socket.getLocalPort();
        }
        GoogleSpeechRecogniser recogniser = overTcp(SpeechSettings.plaintext("127.0.0.1:" + closedPort));

        long started = System.nanoTime();
        assertThat(recogniser.recognise(recording(13))).isEqualTo(Recognition.unavailable());
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(PROMPTLY);
    }

    @Test
    void logsAFailureByItsStatusAloneNeverWhatWasSaid() throws IOException {
        Logger logger = (Logger) LoggerFactory.getLogger(GoogleSpeechRecogniser.class);
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        logged.start();
        logger.addAppender(logged);
        try {
            fake.failWith(Status.INVALID_ARGUMENT.withDescription("could not parse: my address is 4 Priory Road"));

            overTcp(settings()).recognise(recording(14));

            assertThat(logged.list).hasSize(1);
            assertThat(logged.list.get(0).getFormattedMessage())
                    .contains("INVALID_ARGUMENT")
                    .doesNotContain("Priory");
            assertThat(logged.list.get(0).getThrowableProxy()).isNull();
        } finally {
            logger.detachAppender(logged);
        }
    }

    @Test
    void recognisesManyCallsAtOnce() throws Exception {
        int calls = 200;
        for (int i = 0; i < calls; i++) {
            fake.answer(recording(1000 + i), "caller " + i, 0.9f);
        }
        GoogleSpeechRecogniser recogniser = overTcp(settings());
        ExecutorService callers = Executors.newFixedThreadPool(calls);
        try {
            List<Callable<Recognition>> recognitions = new ArrayList<>();
            for (int i = 0; i < calls; i++) {
                byte[] audio = recording(1000 + i);
                recognitions.add(() -> recogniser.recognise(audio));
            }
            List<Future<Recognition>> heard = callers.invokeAll(recognitions);
            for (int i = 0; i < calls; i++) {
                assertThat(heard.get(i).get()).isEqualTo(Recognition.heard("caller " + i, 0.9f));
            }
        } finally {
            callers.shutdownNow();
        }
        assertThat(fake.requestCount()).isEqualTo(calls);
    }

    @Test
    void isAvailableUntilClosedAndUnavailableAfter() throws IOException {
        byte[] audio = recording(15);
        fake.answer(audio, "hello", 0.8f);
        GoogleSpeechRecogniser recogniser = GoogleSpeechRecogniser.connect(settings());
        assertThat(recogniser.isAvailable()).isTrue();
        assertThat(recogniser.recognise(audio)).isEqualTo(Recognition.heard("hello", 0.8f));

        recogniser.close();
        recogniser.close();

        assertThat(recogniser.recognise(audio)).isEqualTo(Recognition.unavailable());
        assertThat(fake.requestCount()).isEqualTo(1);
    }

    private SpeechSettings settings() {
        return SpeechSettings.plaintext(fake.endpoint()).withPhraseHints(HINTS);
    }

    private GoogleSpeechRecogniser overTcp(SpeechSettings settings) throws IOException {
        return kept(GoogleSpeechRecogniser.connect(settings));
    }

    private GoogleSpeechRecogniser inProcess(SpeechSettings settings) throws IOException {
        return kept(GoogleSpeechRecogniser.connect(settings, fake.inProcessTransport()));
    }

    private GoogleSpeechRecogniser kept(GoogleSpeechRecogniser recogniser) {
        recognisers.add(recogniser);
        return recogniser;
    }

    private static SpeechRecognitionResult result(String transcript, float confidence) {
        return SpeechRecognitionResult.newBuilder()
                .addAlternatives(SpeechRecognitionAlternative.newBuilder().setTranscript(transcript).setConfidence(confidence))
                .build();
    }

    /** A tenth of a second of made-up 8 kHz samples, beginning with the seed so each differs. */
    static byte[] recording(int seed) {
        ByteBuffer samples = ByteBuffer.allocate(1_600).putInt(seed);
        while (samples.hasRemaining()) {
            samples.put((byte) (samples.position() * 7));
        }
        return samples.array();
    }
}
