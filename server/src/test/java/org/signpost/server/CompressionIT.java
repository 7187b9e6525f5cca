package org.signpost.server;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** What the server compresses when a client asks: the widget's files, but never a chat socket. */
class CompressionIT extends AgainstRunningServer {

    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    @Test
    void theWidgetScriptIsGzippedForABrowserThatAsks() throws Exception {
        HttpResponse<byte[]> response = CLIENT.send(HttpRequest.newBuilder(server.uri("/widget.js"))
                .header("Accept-Encoding", "gzip").GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Encoding")).hasValue("gzip");
        // The gzip magic number: the body really is compressed, not merely labelled.
        assertThat(response.body()).startsWith((byte) 0x1f, (byte) 0x8b);
    }

    @Test
    void aChatSocketDeclinesTheDeflateExtensionABrowserOffers() throws Exception {
        try (Socket raw = new Socket("localhost", server.signpost().port())) {
            raw.setSoTimeout(10_000);
            raw.getOutputStream().write(("GET /ws/chat HTTP/1.1\r\nHost: localhost\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
                    + "Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits\r\n\r\n").getBytes(US_ASCII));
            String head = responseHead(raw.getInputStream());
            assertThat(head).startsWith("HTTP/1.1 101");
            assertThat(head.toLowerCase(Locale.ROOT)).doesNotContain("sec-websocket-extensions");
        }
    }

    private static String responseHead(InputStream in) throws Exception {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(US_ASCII).endsWith("\r\n\r\n")) {
            int next = in.read();
            if (next < 0) {
                break;
            }
            head.write(next);
        }
        return head.toString(US_ASCII);
    }
}
