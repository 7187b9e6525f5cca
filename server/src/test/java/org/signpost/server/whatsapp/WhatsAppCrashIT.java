package org.signpost.server.whatsapp;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.signpost.server.ServerProcess;
import org.signpost.server.whatsapp.FakeGraphApi.Request;

/**
 * The server as its own process, killed with SIGKILL between taking a WhatsApp message in and
 * sending the reply, then started again on the same data: the acknowledged message is answered
 * after all, exactly once, even when Meta delivers it again.
 */
class WhatsAppCrashIT {

    private static FakeGraphApi graph;

    @BeforeAll
    static void start() throws Exception {
        graph = FakeGraphApi.start();
    }

    @AfterAll
    static void stop() throws Exception {
        graph.close();
    }

    private static ServerProcess server(Path data, int port, String... more) throws Exception {
        return ServerProcess.start(data, port, Meta.environment(graph, more));
    }

    @Test
    void aMessageAcknowledgedButNotYetHandledIsAnsweredAfterARestart() throws Exception {
        int port = ServerProcess.freePort();
        Path data = ServerProcess.dataDirectory("whatsapp-crash-");
        String person = "447700900301";
        String notification = Meta.notification(Meta.text(person, "I need help with falls"));
        URI webhook;
        // A long settling time: the kill lands after the 200 and before the message is handled.
        try (ServerProcess first = server(data, port, "WHATSAPP_SETTLE_MS", "10000")) {
            webhook = first.uri(Meta.PATH);
            Meta.deliver(webhook, notification);
        }
        assertThat(graph.delivered(person)).isEmpty();

        try (ServerProcess second = server(data, port)) {
            List<Request> replies = graph.awaitDelivered(person, r -> r.text().contains("Which part of Dudley"), "the locality question");
            // Meta delivers it again (it had no way to know): it is not handled twice.
            Meta.deliver(webhook, notification);
            Thread.sleep(1_000);
            assertThat(graph.delivered(person)).hasSize(replies.size());
        }
    }

    @Test
    void aReplyNotYetSentWhenTheServerDiesIsSentAfterARestart() throws Exception {
        int port = ServerProcess.freePort();
        Path data = ServerProcess.dataDirectory("whatsapp-crash-");
        String person = "447700900302";
        graph.failEverything(503);
        try (ServerProcess first = server(data, port)) {
            Meta.deliver(first.uri(Meta.PATH), Meta.notification(Meta.text(person, "I need help with falls")));
            // Two refused attempts: the reply is in the outbox, waiting for its next retry.
            graph.await(() -> graph.requests().stream().filter(r -> person.equals(r.to())).toList(), tried -> tried.size() >= 2,
                    "two attempts");
            Thread.sleep(300);
        } finally {
            graph.failEverything(0);
        }
        Request refused = graph.requests().stream().filter(r -> person.equals(r.to())).findFirst().orElseThrow();
        assertThat(graph.delivered(person)).isEmpty();

        try (ServerProcess second = server(data, port)) {
            Request sent = graph.awaitDelivered(person, 1).get(0);
            assertThat(sent.body()).isEqualTo(refused.body());
        }
    }
}
