package org.signpost.connectors.voice;

import java.io.IOException;
import java.net.InetAddress;
import org.asteriskjava.util.ServerSocketFacade;
import org.asteriskjava.util.SocketConnectionFacade;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The FastAGI port as the server sees it: connections from anywhere but the line's own
 * Asterisks are closed as they are accepted, before they hold a call's thread. FastAGI has no
 * authentication, and a stranger's silent connections would otherwise keep real calls out.
 */
final class OwnAsterisksOnly implements ServerSocketFacade {

    private static final Logger LOG = LoggerFactory.getLogger(OwnAsterisksOnly.class);

    private final ServerSocketFacade port;
    private final VoiceSettings settings;

    OwnAsterisksOnly(ServerSocketFacade port, VoiceSettings settings) {
        this.port = port;
        this.settings = settings;
    }

    @Override
    public SocketConnectionFacade accept() throws IOException {
        while (true) {
            SocketConnectionFacade connection = port.accept();
            if (settings.allows(connection.getRemoteAddress())) {
                return connection;
            }
            InetAddress from = connection.getRemoteAddress();
            LOG.warn("A FastAGI connection from {} was refused: not one of the phone line's Asterisks (FASTAGI_ALLOW)",
                    from == null ? "an unknown address" : from.getHostAddress());
            try {
                connection.close();
            } catch (IOException e) {
                // Gone already.
            }
        }
    }

    @Override
    public void close() throws IOException {
        port.close();
    }

    @Override
    public void setSocketReadTimeout(int timeout) {
        port.setSocketReadTimeout(timeout);
    }
}
