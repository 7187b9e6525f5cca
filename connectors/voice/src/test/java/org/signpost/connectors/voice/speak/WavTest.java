package org.signpost.connectors.voice.speak;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WavTest {

    private static final int FLITE_RATE = 16_000;

    @Test
    void resamplingTo8kHzKeepsAToneAtItsPitch() {
        Wav tone = Wav.of(FLITE_RATE, tone(440, FLITE_RATE, 1.0, 10_000));

        Wav telephone = tone.resampledTo(Wav.TELEPHONE_RATE);

        assertThat(telephone.sampleRate()).isEqualTo(8000);
        assertThat(telephone.samples()).hasSize(8000);
        assertThat(telephone.duration()).isEqualTo(Duration.ofSeconds(1));
        // 440 cycles cross zero 880 times a second.
        assertThat(zeroCrossings(telephone.samples())).isBetween(878, 882);
        // ...and keep their loudness.
        assertThat(rms(telephone.samples())).isCloseTo(rms(tone.samples()), within(rms(tone.samples()) * 0.02));
    }

    @Test
    void resamplingFiltersOutWhatTheLowerRateCannotCarry() {
        // At 8 kHz, a 6 kHz tone would fold back to a 2 kHz whistle were it not filtered out first.
        Wav high = Wav.of(FLITE_RATE, tone(6000, FLITE_RATE, 1.0, 10_000));

        Wav telephone = high.resampledTo(Wav.TELEPHONE_RATE);

        assertThat(rms(telephone.samples())).isLessThan(rms(high.samples()) * 0.01);
    }

    @Test
    void resamplingToOtherRatesKeepsPitchAndLength() {
        Wav tone = Wav.of(22_050, tone(440, 22_050, 0.5, 10_000));

        Wav telephone = tone.resampledTo(Wav.TELEPHONE_RATE);

        assertThat(telephone.samples()).hasSize(4000);
        assertThat(zeroCrossings(telephone.samples())).isBetween(438, 442);
        assertThat(tone.resampledTo(22_050)).isSameAs(tone);
    }

    @Test
    void writesTheCanonical44ByteHeader() {
        short[] samples = {0, 1000, -1000, Short.MAX_VALUE, Short.MIN_VALUE};

        ByteBuffer file = ByteBuffer.wrap(Wav.of(8000, samples).bytes()).order(ByteOrder.LITTLE_ENDIAN);

        assertThat(file.capacity()).isEqualTo(44 + 10);
        assertThat(tag(file, 0)).isEqualTo("RIFF");
        assertThat(file.getInt(4)).as("RIFF size").isEqualTo(36 + 10);
        assertThat(tag(file, 8)).isEqualTo("WAVE");
        assertThat(tag(file, 12)).isEqualTo("fmt ");
        assertThat(file.getInt(16)).as("fmt size").isEqualTo(16);
        assertThat(file.getShort(20)).as("PCM").isEqualTo((short) 1);
        assertThat(file.getShort(22)).as("channels").isEqualTo((short) 1);
        assertThat(file.getInt(24)).as("sample rate").isEqualTo(8000);
        assertThat(file.getInt(28)).as("byte rate").isEqualTo(16_000);
        assertThat(file.getShort(32)).as("block align").isEqualTo((short) 2);
        assertThat(file.getShort(34)).as("bits per sample").isEqualTo((short) 16);
        assertThat(tag(file, 36)).isEqualTo("data");
        assertThat(file.getInt(40)).as("data size").isEqualTo(10);
        assertThat(file.getShort(44 + 6)).isEqualTo(Short.MAX_VALUE);
    }

    @Test
    void readsWhatItWrites(@TempDir Path directory) throws IOException {
        short[] samples = tone(440, 8000, 0.1, 20_000);
        Path file = directory.resolve("tone.wav");

        Wav.of(8000, samples).write(file);

        Wav read = Wav.read(file);
        assertThat(read.sampleRate()).isEqualTo(8000);
        assertThat(read.samples()).containsExactly(samples);
    }

    @Test
    void readsPastOtherChunksAndMixesChannels() {
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        byte[] fmt = array(ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putShort((short) 1).putShort((short) 2)
                .putInt(16_000).putInt(64_000).putShort((short) 4).putShort((short) 16));
        byte[] data = array(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putShort((short) 100).putShort((short) 300)
                .putShort((short) -50).putShort((short) -150));
        file.writeBytes("RIFF".getBytes(StandardCharsets.US_ASCII));
        file.writeBytes(array(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(0)));
        file.writeBytes("WAVE".getBytes(StandardCharsets.US_ASCII));
        chunk(file, "fmt ", fmt);
        chunk(file, "LIST", new byte[] {1, 2, 3}); // odd: padded to 4
        chunk(file, "data", data);

        Wav read = Wav.parse(file.toByteArray());

        assertThat(read.sampleRate()).isEqualTo(16_000);
        assertThat(read.samples()).containsExactly((short) 200, (short) -100);
    }

    @Test
    void refusesWhatItCannotRead() {
        assertThatThrownBy(() -> Wav.parse("not a wav file at all".getBytes(StandardCharsets.US_ASCII)))
                .isInstanceOf(IllegalArgumentException.class);
        byte[] eightBit = Wav.of(8000, new short[4]).bytes();
        eightBit[34] = 8;
        assertThatThrownBy(() -> Wav.parse(eightBit)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("8 bits");
        byte[] headerOnly = new byte[12];
        System.arraycopy(Wav.of(8000, new short[0]).bytes(), 0, headerOnly, 0, 12);
        assertThatThrownBy(() -> Wav.parse(headerOnly)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void isImmutable() {
        short[] samples = {1, 2, 3};
        Wav wav = Wav.of(8000, samples);

        samples[0] = 99;
        wav.samples()[1] = 99;

        assertThat(wav.samples()).containsExactly((short) 1, (short) 2, (short) 3);
    }

    private static short[] tone(double frequency, int rate, double seconds, int amplitude) {
        short[] samples = new short[(int) (rate * seconds)];
        for (int i = 0; i < samples.length; i++) {
            // A quarter-cycle phase keeps the first sample off zero, so crossings are counted cleanly.
            samples[i] = (short) Math.round(amplitude * Math.sin(2 * Math.PI * frequency * i / rate + Math.PI / 4));
        }
        return samples;
    }

    private static int zeroCrossings(short[] samples) {
        int crossings = 0;
        for (int i = 1; i < samples.length; i++) {
            if ((samples[i - 1] < 0) != (samples[i] < 0)) {
                crossings++;
            }
        }
        return crossings;
    }

    private static double rms(short[] samples) {
        double sum = 0;
        for (short sample : samples) {
            sum += (double) sample * sample;
        }
        return Math.sqrt(sum / samples.length);
    }

    private static void chunk(ByteArrayOutputStream file, String id, byte[] body) {
        file.writeBytes(id.getBytes(StandardCharsets.US_ASCII));
        file.writeBytes(array(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(body.length)));
        file.writeBytes(body);
        if (body.length % 2 == 1) {
            file.write(0);
        }
    }

    private static byte[] array(ByteBuffer buffer) {
        return buffer.array();
    }

    private static String tag(ByteBuffer file, int position) {
        byte[] tag = new byte[4];
        file.get(position, tag);
        return new String(tag, StandardCharsets.US_ASCII);
    }
}
