package org.signpost.connectors.whatsapp.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SignatureTest {

    private static final byte[] FOX = "The quick brown fox jumps over the lazy dog".getBytes(StandardCharsets.UTF_8);

    @Test
    void signsAsHmacSha256InLowerCaseHex() {
        // The published HMAC-SHA256 test vector (key "key").
        assertThat(new Signature("key").sign(FOX))
                .isEqualTo("sha256=f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8");
    }

    @Test
    void verifiesOnlyTheExactBytesWithTheRightKey() {
        Signature signature = new Signature("key");
        String header = signature.sign(FOX);
        assertThat(signature.verifies(FOX, header)).isTrue();
        assertThat(signature.verifies(FOX, header.toUpperCase().replace("SHA256=", "sha256="))).isTrue();
        assertThat(signature.verifies("The quick brown fox jumps over the lazy dog ".getBytes(StandardCharsets.UTF_8), header)).isFalse();
        assertThat(new Signature("other").verifies(FOX, header)).isFalse();
        assertThat(signature.verifies(FOX, null)).isFalse();
        assertThat(signature.verifies(FOX, "")).isFalse();
        assertThat(signature.verifies(FOX, "sha1=" + header.substring(7))).isFalse();
        assertThat(signature.verifies(FOX, "sha256=zz")).isFalse();
        assertThat(signature.verifies(FOX, header.substring(0, header.length() - 2))).isFalse();
    }
}
