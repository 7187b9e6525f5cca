package org.signpost.connectors.voice;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import org.asteriskjava.util.ServerSocketFacade;
import org.asteriskjava.util.SocketConnectionFacade;
import org.junit.jupiter.api.Test;

/**
 * The FastAGI port's filter, fed connections from chosen addresses: what it hands the server and
 * what it closes. (Connections from the same host go through it in every call test.)
 */
class OwnAsterisksOnlyTest {

    /** A connection from {@code from}, remembering whether it was closed. */
    private static final class Connection implements SocketConnectionFacade {
        private final InetAddress from;
        private boolean closed;

        Connection(String from) throws IOException {
            this.from = InetAddress.getByName(from);
        }

        @Override
        public InetAddress getRemoteAddress() {
            return from;
        }

        @Override
        public void close() {
            closed = true;
        }

        @Override
        public String readLine() {
            return null;
        }

        @Override
        public void write(String s) {
        }

        @Override
        public void flush() {
        }

        @Override
        public boolean isConnected() {
            return !closed;
        }

        @Override
        public InetAddress getLocalAddress() {
            return null;
        }

        @Override
        public int getLocalPort() {
            return 4573;
        }

        @Override
        public int getRemotePort() {
            return 40000;
        }
    }

    /** A port that hands out the given connections in turn. */
    private static ServerSocketFacade port(List<Connection> connections) {
        Deque<Connection> waiting = new ArrayDeque<>(connections);
        return new ServerSocketFacade() {
            @Override
            public SocketConnectionFacade accept() throws IOException {
                if (waiting.isEmpty()) {
                    throw new IOException("no more connections");
                }
                return waiting.poll();
            }

            @Override
            public void close() {
            }

            @Override
            public void setSocketReadTimeout(int timeout) {
            }
        };
    }

    private static VoiceSettings allowing(String... asterisks) throws IOException {
        Set<InetAddress> allowed = new java.util.HashSet<>();
        for (String asterisk : asterisks) {
            allowed.add(InetAddress.getByName(asterisk));
        }
        return VoiceSettings.of(4573, Path.of("spool")).withListener(InetAddress.getByName("0.0.0.0"), allowed);
    }

    @Test
    void strangersAreClosedAsTheyArriveAndTheLinesAsteriskIsHandedOn() throws Exception {
        Connection stranger = new Connection("10.0.0.7");
        Connection another = new Connection("192.0.2.9");
        Connection asterisk = new Connection("10.0.0.5");
        OwnAsterisksOnly filter = new OwnAsterisksOnly(port(List.of(stranger, another, asterisk)), allowing("10.0.0.5"));

        assertThat(filter.accept()).isSameAs(asterisk);
        assertThat(stranger.closed).isTrue();
        assertThat(another.closed).isTrue();
        assertThat(asterisk.closed).isFalse();
    }

    @Test
    void theSameHostIsAlwaysOneOfTheLinesAsterisks() throws Exception {
        Connection local = new Connection("127.0.0.1");
        Connection local6 = new Connection("::1");
        OwnAsterisksOnly filter = new OwnAsterisksOnly(port(List.of(local, local6)), allowing());

        assertThat(filter.accept()).isSameAs(local);
        assertThat(filter.accept()).isSameAs(local6);
    }

    @Test
    void withNoAsteriskAllowedElsewhereEveryOtherAddressIsRefused() throws Exception {
        Connection stranger = new Connection("10.0.0.5");
        OwnAsterisksOnly filter = new OwnAsterisksOnly(port(List.of(stranger)), allowing());

        org.assertj.core.api.Assertions.assertThatThrownBy(filter::accept).isInstanceOf(IOException.class);
        assertThat(stranger.closed).isTrue();
    }
}
