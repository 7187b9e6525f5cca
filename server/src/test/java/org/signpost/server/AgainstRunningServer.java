package org.signpost.server;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** Integration tests that talk to one real server, started for the test class. */
abstract class AgainstRunningServer {

    static RunningServer server;

    @BeforeAll
    static void startServer() throws Exception {
        server = RunningServer.start();
    }

    @AfterAll
    static void stopServer() throws Exception {
        server.close();
    }
}
