package org.signpost.connectors.voice.listen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.cloud.speech.v1.RecognitionAudio;
import com.google.cloud.speech.v1.RecognitionConfig;
import com.google.cloud.speech.v1.RecognizeRequest;
import com.google.cloud.speech.v1.RecognizeResponse;
import com.google.cloud.speech.v1.SpeechGrpc;
import com.google.protobuf.ByteString;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The fake itself, asked directly through the generated stub: other modules' tests rely on it. */
class FakeSpeechTest {

    private FakeSpeech fake;
    private SpeechGrpc.SpeechBlockingStub speech;

    @BeforeEach
    void start() {
        fake = FakeSpeech.start();
        ManagedChannel channel = fake.inProcessChannel();
        speech = SpeechGrpc.newBlockingStub(channel);
    }

    @AfterEach
    void stop() {
        fake.close();
    }

    @Test
    void acceptsPhoneAudioInLinear16OrMulaw() {
        byte[] audio = GoogleSpeechRecogniserTest.recording(1);
        fake.answer(audio, "hello", 0.7f);

        RecognizeResponse linear = speech.recognize(request(audio, config -> config));
        RecognizeResponse mulaw = speech.recognize(request(audio,
                config -> config.setEncoding(RecognitionConfig.AudioEncoding.MULAW)));

        assertThat(linear.getResults(0).getAlternatives(0).getTranscript()).isEqualTo("hello");
        assertThat(mulaw).isEqualTo(linear);
    }

    @Test
    void rejectsAConfigThePhoneLineMustNotSendNamingTheField() {
        byte[] audio = GoogleSpeechRecogniserTest.recording(2);

        assertRejected(request(audio, config -> config.setEncoding(RecognitionConfig.AudioEncoding.FLAC)), "config.encoding");
        assertRejected(request(audio, config -> config.setSampleRateHertz(16_000)), "config.sample_rate_hertz");
        assertRejected(request(audio, config -> config.setLanguageCode("en-US")), "config.language_code");
        assertRejected(request(audio, config -> config.setAudioChannelCount(2)), "config.audio_channel_count");
        assertRejected(RecognizeRequest.newBuilder()
                .setConfig(request(audio, config -> config).getConfig())
                .setAudio(RecognitionAudio.newBuilder().setUri("gs://bucket/call.raw"))
                .build(), "audio.content");
        assertThat(fake.requestCount()).as("rejected requests are recorded too").isEqualTo(5);
    }

    @Test
    void failsTheNextRequestsThenAnswersAgain() {
        byte[] audio = GoogleSpeechRecogniserTest.recording(3);
        fake.answer(audio, "hello", 0.7f).failWith(Status.UNAVAILABLE, 2);

        assertThatThrownBy(() -> speech.recognize(request(audio, config -> config)))
                .isInstanceOfSatisfying(StatusRuntimeException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE));
        assertThatThrownBy(() -> speech.recognize(request(audio, config -> config)))
                .isInstanceOf(StatusRuntimeException.class);
        assertThat(speech.recognize(request(audio, config -> config)).getResultsCount()).isEqualTo(1);
    }

    @Test
    void failsEveryRequestUntilItRecovers() {
        byte[] audio = GoogleSpeechRecogniserTest.recording(4);
        fake.failWith(Status.INTERNAL);

        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> speech.recognize(request(audio, config -> config)))
                    .isInstanceOf(StatusRuntimeException.class);
        }
        fake.recover();
        assertThat(speech.recognize(request(audio, config -> config))).isEqualTo(RecognizeResponse.getDefaultInstance());
    }

    @Test
    void resetForgetsTheScriptAndTheRequests() {
        byte[] audio = GoogleSpeechRecogniserTest.recording(5);
        fake.answer(audio, "hello", 0.7f);
        speech.recognize(request(audio, config -> config));

        fake.reset();

        assertThat(fake.requests()).isEmpty();
        assertThat(speech.recognize(request(audio, config -> config)).getResultsCount()).isZero();
    }

    @Test
    void listensOnLoopback() {
        assertThat(fake.port()).isPositive();
        assertThat(fake.endpoint()).isEqualTo("127.0.0.1:" + fake.port());
    }

    private void assertRejected(RecognizeRequest request, String field) {
        assertThatThrownBy(() -> speech.recognize(request))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
                    assertThat(e.getStatus().getDescription()).startsWith(field);
                });
    }

    private static RecognizeRequest request(byte[] audio, UnaryOperator<RecognitionConfig.Builder> change) {
        RecognitionConfig.Builder config = RecognitionConfig.newBuilder()
                .setEncoding(RecognitionConfig.AudioEncoding.LINEAR16)
                .setSampleRateHertz(8_000)
                .setLanguageCode("en-GB");
        return RecognizeRequest.newBuilder()
                .setConfig(change.apply(config))
                .setAudio(RecognitionAudio.newBuilder().setContent(ByteString.copyFrom(audio)))
                .build();
    }
}
