package org.signpost.connectors.voice.speak;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Mono 16-bit PCM sound, read from and written as WAV files.
 *
 * <p>Synthesisers write at 16 kHz or more; Asterisk plays a {@code .wav} prompt as 8 kHz mono
 * 16-bit PCM, and plays anything else too fast, too slow or not at all. {@link #resampledTo}
 * converts, and {@link #bytes} writes the canonical 44-byte header Asterisk reads.
 */
public final class Wav {

    /** The rate Asterisk plays {@code .wav} prompts at, and the telephone network carries. */
    public static final int TELEPHONE_RATE = 8000;

    public static final int HEADER_BYTES = 44;
    private static final short PCM = 1;
    private static final short EXTENSIBLE = (short) 0xFFFE;
    private static final short BITS_PER_SAMPLE = 16;

    /**
     * The filter keeps frequencies below this share of the lower rate's Nyquist frequency (3.6 kHz
     * at 8 kHz) so that its roll-off is over before 4 kHz, above which everything would fold back
     * into the speech as aliasing.
     */
    private static final double PASSBAND = 0.9;
    /** Filter half-length in samples of the lower rate: longer is a steeper roll-off, and slower. */
    private static final int HALF_WIDTH = 32;

    private final int sampleRate;
    private final short[] samples;

    private Wav(int sampleRate, short[] samples) {
        if (sampleRate <= 0) {
            throw new IllegalArgumentException("a sample rate is positive, not " + sampleRate);
        }
        this.sampleRate = sampleRate;
        this.samples = samples;
    }

    public static Wav of(int sampleRate, short[] samples) {
        return new Wav(sampleRate, Objects.requireNonNull(samples, "samples").clone());
    }

    public static Wav read(Path file) throws IOException {
        return parse(Files.readAllBytes(file));
    }

    /**
     * The sound in a PCM WAV file of 16-bit samples; several channels are mixed into one.
     * Chunks other than {@code fmt} and {@code data} (LIST, fact...) are skipped.
     *
     * @throws IllegalArgumentException when the bytes are not such a file
     */
    public static Wav parse(byte[] file) {
        ByteBuffer bytes = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
        if (file.length < 12 || !tag(bytes, 0).equals("RIFF") || !tag(bytes, 8).equals("WAVE")) {
            throw new IllegalArgumentException("not a WAV file: no RIFF/WAVE header");
        }
        int channels = 0;
        int sampleRate = 0;
        int position = 12;
        while (position + 8 <= file.length) {
            String id = tag(bytes, position);
            long size = Integer.toUnsignedLong(bytes.getInt(position + 4));
            int body = position + 8;
            if (id.equals("fmt ")) {
                if (size < 16 || body + 16 > file.length) {
                    throw new IllegalArgumentException("a WAV fmt chunk of " + size + " bytes");
                }
                short format = bytes.getShort(body);
                channels = bytes.getShort(body + 2);
                sampleRate = bytes.getInt(body + 4);
                short bits = bytes.getShort(body + 14);
                // WAVE_FORMAT_EXTENSIBLE names its real format in the first two bytes of a sub-format GUID.
                if (format == EXTENSIBLE && size >= 40) {
                    format = bytes.getShort(body + 24);
                }
                if (format != PCM || bits != BITS_PER_SAMPLE || channels < 1) {
                    throw new IllegalArgumentException("not 16-bit PCM: format " + format + ", " + bits + " bits, " + channels
                            + " channels");
                }
            } else if (id.equals("data")) {
                if (channels == 0) {
                    throw new IllegalArgumentException("a WAV data chunk before its fmt chunk");
                }
                // Streaming writers leave the size at 0 or 0xFFFFFFFF: the data then runs to the end of the file.
                long available = file.length - body;
                int length = (int) (size == 0 || size > available ? available : size);
                return new Wav(sampleRate, mixed(bytes, body, length, channels));
            }
            // Chunks are padded to an even length.
            position = (int) Math.min(file.length, body + size + (size & 1));
        }
        throw new IllegalArgumentException("a WAV file without " + (channels == 0 ? "a fmt chunk" : "a data chunk"));
    }

    public int sampleRate() {
        return sampleRate;
    }

    public short[] samples() {
        return samples.clone();
    }

    public Duration duration() {
        return Duration.ofNanos(samples.length * 1_000_000_000L / sampleRate);
    }

    /**
     * The same sound at {@code targetRate}. Each new sample is the old ones around its instant
     * weighted by a windowed-sinc low-pass filter: when the rate falls, the filter removes what the
     * new rate cannot carry, which would otherwise alias, heard as a hiss and whistles over speech.
     */
    public Wav resampledTo(int targetRate) {
        if (targetRate <= 0) {
            throw new IllegalArgumentException("a sample rate is positive, not " + targetRate);
        }
        if (targetRate == sampleRate) {
            return this;
        }
        double step = (double) sampleRate / targetRate; // old samples per new sample
        double scale = Math.max(1.0, step); // the filter widens, in old samples, as the rate falls
        double cutoff = PASSBAND / scale; // of the old Nyquist frequency
        double halfWidth = HALF_WIDTH * scale;
        int length = (int) ((long) samples.length * targetRate / sampleRate);
        short[] resampled = new short[length];
        for (int n = 0; n < length; n++) {
            double instant = n * step;
            int first = Math.max(0, (int) Math.ceil(instant - halfWidth));
            int last = Math.min(samples.length - 1, (int) Math.floor(instant + halfWidth));
            double sum = 0;
            double weights = 0;
            for (int k = first; k <= last; k++) {
                double distance = k - instant;
                double weight = sinc(cutoff * distance) * blackman(distance / halfWidth);
                sum += weight * samples[k];
                weights += weight;
            }
            // Dividing by the weights keeps loudness, also at the ends where the filter is cut short.
            resampled[n] = clip(weights == 0 ? 0 : sum / weights);
        }
        return new Wav(targetRate, resampled);
    }

    /** The canonical WAV file: a 44-byte header (RIFF, fmt of 16 bytes, data) then the samples, little-endian. */
    /** The samples alone, little-endian: what Speech-to-Text calls LINEAR16. */
    public byte[] pcm() {
        ByteBuffer pcm = ByteBuffer.allocate(samples.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (short sample : samples) {
            pcm.putShort(sample);
        }
        return pcm.array();
    }

    public byte[] bytes() {
        int dataBytes = samples.length * 2;
        ByteBuffer file = ByteBuffer.allocate(HEADER_BYTES + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        file.put(ascii("RIFF")).putInt(36 + dataBytes).put(ascii("WAVE"));
        file.put(ascii("fmt ")).putInt(16).putShort(PCM).putShort((short) 1).putInt(sampleRate).putInt(sampleRate * 2)
                .putShort((short) 2).putShort(BITS_PER_SAMPLE);
        file.put(ascii("data")).putInt(dataBytes);
        for (short sample : samples) {
            file.putShort(sample);
        }
        return file.array();
    }

    public void write(Path file) throws IOException {
        Files.write(file, bytes());
    }

    private static short[] mixed(ByteBuffer bytes, int start, int length, int channels) {
        int frameBytes = 2 * channels;
        short[] mono = new short[length / frameBytes];
        for (int i = 0; i < mono.length; i++) {
            int sum = 0;
            for (int channel = 0; channel < channels; channel++) {
                sum += bytes.getShort(start + i * frameBytes + 2 * channel);
            }
            mono[i] = (short) (sum / channels);
        }
        return mono;
    }

    /** sin(πx)/(πx): the ideal low-pass filter, here with a cutoff of {@code cutoff} times Nyquist when x = cutoff·t. */
    private static double sinc(double x) {
        return x == 0 ? 1 : Math.sin(Math.PI * x) / (Math.PI * x);
    }

    /** The Blackman window over -1..1: it tapers the sinc's ends, trading a wider roll-off for far less leakage. */
    private static double blackman(double position) {
        return 0.42 + 0.5 * Math.cos(Math.PI * position) + 0.08 * Math.cos(2 * Math.PI * position);
    }

    private static short clip(double sample) {
        return (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, Math.round(sample)));
    }

    private static String tag(ByteBuffer bytes, int position) {
        byte[] tag = new byte[4];
        bytes.get(position, tag);
        return new String(tag, StandardCharsets.US_ASCII);
    }

    private static byte[] ascii(String tag) {
        return tag.getBytes(StandardCharsets.US_ASCII);
    }
}
