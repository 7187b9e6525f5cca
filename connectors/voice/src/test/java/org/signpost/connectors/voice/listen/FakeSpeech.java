package org.signpost.connectors.voice.listen;

import com.google.api.gax.grpc.GrpcTransportChannel;
import com.google.api.gax.rpc.FixedTransportChannelProvider;
import com.google.api.gax.rpc.TransportChannelProvider;
import com.google.cloud.speech.v1.RecognitionAudio;
import com.google.cloud.speech.v1.RecognitionConfig;
import com.google.cloud.speech.v1.RecognizeRequest;
import com.google.cloud.speech.v1.RecognizeResponse;
import com.google.cloud.speech.v1.SpeechGrpc;
import com.google.cloud.speech.v1.SpeechRecognitionAlternative;
import com.google.cloud.speech.v1.SpeechRecognitionResult;
import com.google.protobuf.ByteString;
import io.grpc.InsecureServerCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

/**
 * Google Speech-to-Text v1 as tests need it: the real generated service, served both in-process
 * and on a loopback TCP port, so a test can use the same client path the server does. Only
 * {@code Recognize} is answered.
 *
 * <p>It records every request, rejects a request whose config the phone line must never send
 * (INVALID_ARGUMENT naming the field), and answers from a script: a transcript for exact audio,
 * nothing heard for unknown audio, a failure, or no answer at all. Safe for many concurrent calls;
 * the script may be changed while calls are under way.
 */
public final class FakeSpeech extends SpeechGrpc.SpeechImplBase implements AutoCloseable {

    private static final String LOOPBACK = "127.0.0.1";

    private final Map<ByteString, RecognizeResponse> answers = new ConcurrentHashMap<>();
    private final Queue<RecognizeRequest> requests = new ConcurrentLinkedQueue<>();
    private final Queue<ManagedChannel> channels = new ConcurrentLinkedQueue<>();
    private final Object failureLock = new Object();
    private Status failure;
    private int failuresLeft;
    private volatile boolean silent;
    private String inProcessName;
    private Server inProcess;
    private Server tcp;

    private FakeSpeech() {
    }

    /** A fake listening in-process and on a free loopback port; close it when done. */
    public static FakeSpeech start() {
        return start(0);
    }

    /** A fake listening in-process and on loopback {@code port} (0 for a free one); close it when done. */
    public static FakeSpeech start(int port) {
        FakeSpeech fake = new FakeSpeech();
        try {
            fake.inProcessName = InProcessServerBuilder.generateName();
            fake.inProcess = InProcessServerBuilder.forName(fake.inProcessName).addService(fake).build().start();
            // Loopback only: nothing off this machine should reach a test's fake.
            InetSocketAddress address = new InetSocketAddress(InetAddress.getByName(LOOPBACK), port);
            fake.tcp = NettyServerBuilder.forAddress(address, InsecureServerCredentials.create())
                    .addService(fake)
                    .build()
                    .start();
            return fake;
        } catch (IOException e) {
            fake.close();
            throw new UncheckedIOException("the fake Speech service could not start", e);
        }
    }

    /** The loopback TCP port. */
    public int port() {
        return tcp.getPort();
    }

    /** {@code 127.0.0.1:PORT}, for {@link SpeechSettings#plaintext(String)}. */
    public String endpoint() {
        return LOOPBACK + ":" + port();
    }

    /** The in-process server's name. */
    public String inProcessName() {
        return inProcessName;
    }

    /** A new in-process channel to the fake, shut down by {@link #close()} if not before. */
    public ManagedChannel inProcessChannel() {
        ManagedChannel channel = InProcessChannelBuilder.forName(inProcessName).build();
        channels.add(channel);
        return channel;
    }

    /** A transport for {@link GoogleSpeechRecogniser#connect(SpeechSettings, TransportChannelProvider)}. */
    public TransportChannelProvider inProcessTransport() {
        return FixedTransportChannelProvider.create(GrpcTransportChannel.create(inProcessChannel()));
    }

    /** Hears {@code transcript} in exactly {@code audio}. */
    public FakeSpeech answer(byte[] audio, String transcript, float confidence) {
        SpeechRecognitionAlternative best = SpeechRecognitionAlternative.newBuilder()
                .setTranscript(transcript)
                .setConfidence(confidence)
                .build();
        return answer(audio, RecognizeResponse.newBuilder()
                .addResults(SpeechRecognitionResult.newBuilder().addAlternatives(best))
                .build());
    }

    /** Answers exactly {@code audio} with {@code response}, e.g. several results. */
    public FakeSpeech answer(byte[] audio, RecognizeResponse response) {
        answers.put(ByteString.copyFrom(audio), Objects.requireNonNull(response, "response"));
        return this;
    }

    /** Hears nothing in exactly {@code audio}, as for audio it was not told about. */
    public FakeSpeech answerNothing(byte[] audio) {
        return answer(audio, RecognizeResponse.getDefaultInstance());
    }

    /** Fails every request with {@code status} until {@link #recover()}. */
    public FakeSpeech failWith(Status status) {
        return failWith(status, Integer.MAX_VALUE);
    }

    /** Fails the next {@code times} requests with {@code status}, then answers again. */
    public FakeSpeech failWith(Status status, int times) {
        Objects.requireNonNull(status, "status");
        if (status.isOk() || times < 1) {
            throw new IllegalArgumentException("a failure is a status other than OK, at least once");
        }
        synchronized (failureLock) {
            failure = status;
            failuresLeft = times;
        }
        return this;
    }

    /** Leaves every request without an answer until {@link #recover()}, as a stalled service would. */
    public FakeSpeech neverAnswer() {
        silent = true;
        return this;
    }

    /** Answers from the script again: no more failures or silence (calls left unanswered stay so). */
    public FakeSpeech recover() {
        synchronized (failureLock) {
            failure = null;
            failuresLeft = 0;
        }
        silent = false;
        return this;
    }

    /** Forgets the script and the requests, as if just started. */
    public FakeSpeech reset() {
        recover();
        answers.clear();
        requests.clear();
        return this;
    }

    /** Every request received, in the order they arrived, rejected ones too. */
    public List<RecognizeRequest> requests() {
        return List.copyOf(requests);
    }

    public int requestCount() {
        return requests.size();
    }

    /** The one request received; fails when there were none or more. */
    public RecognizeRequest onlyRequest() {
        List<RecognizeRequest> received = requests();
        if (received.size() != 1) {
            throw new AssertionError("expected one request to the Speech service, got " + received.size());
        }
        return received.get(0);
    }

    @Override
    public void recognize(RecognizeRequest request, StreamObserver<RecognizeResponse> response) {
        requests.add(request);
        Status failed = nextFailure();
        if (failed == null) {
            failed = invalid(request);
        }
        if (failed != null) {
            response.onError(failed.asRuntimeException());
            return;
        }
        if (silent) {
            // The call stays open until the client gives up or the fake closes.
            return;
        }
        ByteString audio = request.getAudio().getContent();
        response.onNext(answers.getOrDefault(audio, RecognizeResponse.getDefaultInstance()));
        response.onCompleted();
    }

    @Override
    public void close() {
        for (ManagedChannel channel : channels) {
            channel.shutdownNow();
        }
        for (Server server : new Server[] {inProcess, tcp}) {
            if (server != null) {
                server.shutdownNow();
            }
        }
        try {
            for (Server server : new Server[] {inProcess, tcp}) {
                if (server != null) {
                    server.awaitTermination(5, TimeUnit.SECONDS);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Status nextFailure() {
        synchronized (failureLock) {
            if (failure == null) {
                return null;
            }
            Status failed = failure;
            if (failuresLeft != Integer.MAX_VALUE && --failuresLeft == 0) {
                failure = null;
            }
            return failed;
        }
    }

    /** What Google would refuse, or the phone line must never send: null when the request is fine. */
    private static Status invalid(RecognizeRequest request) {
        RecognitionConfig config = request.getConfig();
        RecognitionConfig.AudioEncoding encoding = config.getEncoding();
        if (encoding != RecognitionConfig.AudioEncoding.LINEAR16 && encoding != RecognitionConfig.AudioEncoding.MULAW) {
            return invalid("config.encoding must be LINEAR16 or MULAW for phone audio, was " + encoding);
        }
        if (config.getSampleRateHertz() != 8_000) {
            return invalid("config.sample_rate_hertz must be 8000 for phone audio, was " + config.getSampleRateHertz());
        }
        if (!"en-GB".equals(config.getLanguageCode())) {
            return invalid("config.language_code must be en-GB, was '" + config.getLanguageCode() + "'");
        }
        if (config.getAudioChannelCount() > 1) {
            return invalid("config.audio_channel_count must be 1 for phone audio, was " + config.getAudioChannelCount());
        }
        if (request.getAudio().getAudioSourceCase() != RecognitionAudio.AudioSourceCase.CONTENT) {
            return invalid("audio.content must hold the recording (the fake reads no audio.uri)");
        }
        return null;
    }

    private static Status invalid(String message) {
        return Status.INVALID_ARGUMENT.withDescription(message);
    }
}
