package org.signpost.server.whatsapp;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.signpost.server.RunningServer;
import org.signpost.server.whatsapp.FakeGraphApi.Request;

/**
 * The WhatsApp channel as production runs it, with Redis for conversation state and the
 * per-person locks that order intake and sending across instances: replies still go out once
 * each, in order, even when Meta asks to slow down.
 */
class WhatsAppOnRedisIT {

    private static final String NAMESPACE = "signpost-whatsapp-it:";
    private static WhatsAppServer whatsapp;

    @BeforeAll
    static void start() throws Exception {
        // Conversations of an earlier run would otherwise carry on in this one.
        RunningServer.forgetRedis(NAMESPACE);
        whatsapp = WhatsAppServer.start("REDIS_URL", RunningServer.redisUrl(), "REDIS_NAMESPACE", NAMESPACE);
    }

    @AfterAll
    static void stop() throws Exception {
        whatsapp.close();
        RunningServer.forgetRedis(NAMESPACE);
    }

    @Test
    void aConversationGoesOutInOrderOnceEachUnderRedisLocks() throws Exception {
        String person = "447700900401";
        Instant first = Instant.now().minusSeconds(10);
        whatsapp.graph.failNext(person, 400, 130429, "Rate limit hit");
        whatsapp.deliver(Meta.text(person, "we live in Sedgley", first.plusSeconds(5)), Meta.text(person, "I need help with falls", first));
        List<Request> delivered = whatsapp.graph.awaitDelivered(person, r -> r.text().contains("North Dudley"), "falls services in North Dudley");
        assertThat(delivered.get(0).text()).contains("Which part of Dudley");
        assertThat(whatsapp.userLines(person)).containsExactly("I need help with falls", "we live in Sedgley");
        Thread.sleep(500);
        assertThat(whatsapp.graph.delivered(person)).hasSameSizeAs(whatsapp.graph.delivered(person).stream().map(Request::body).distinct().toList());
    }
}
