package org.signpost.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.signpost.core.event.ConversationEvent;
import org.signpost.storage.journal.ConversationJournal;
import org.signpost.storage.mongo.EmbeddedMongo;
import org.signpost.storage.mongo.Mongo;
import org.signpost.storage.mongo.MongoStores;

/**
 * On the embedded default, everything people and staff did survives a restart: conversations
 * carry on where they were (those of a data directory from before the journal too), referrals,
 * feedback and directory edits are still there; and a message the disk cannot keep is refused,
 * never answered as if kept.
 */
class RestartIT {

    @Test
    void keepsConversationsReferralsFeedbackAndDirectoryEditsAcrossARestart() throws Exception {
        Files.createDirectories(RunningServer.DATA);
        Path data = Files.createTempDirectory(RunningServer.DATA, "restart-");
        ServerConfig config = ServerConfig.fromEnvironment(Map.of());
        String reference;
        try (RunningServer before = RunningServer.start(config, data)) {
            before.say("referrer", "/make_referral{\"service\": \"Dudley Talking Therapies (NHS Talking Therapies for anxiety "
                    + "and depression)\", \"relationship\": \"self\"}");
            for (String answer : new String[] {"Alex Green", "03/05/1950", "/deny", "DY8 1AB", "07700 900123",
                "I have felt low for months", "/inform{\"urgency\": \"routine\"}", "/affirm"}) {
                before.say("referrer", answer);
            }
            Matcher match = Pattern.compile("SP-[A-Z0-9]{6}").matcher(before.say("referrer", "/affirm"));
            assertThat(match.find()).isTrue();
            reference = match.group();
            before.say("rater", "/feedback");
            before.say("rater", "/inform{\"fft_rating\": \"Good\"}");
            before.say("rater", "no");
            assertThat(before.say("mid-flow", "I need help with falls")).contains("Which part of Dudley");
        }

        try (RunningServer after = RunningServer.start(config, data)) {
            assertThat(RunningServer.await(after.signpost().stores().referrals().find(reference))).isPresent();
            assertThat(RunningServer.await(after.signpost().stores().feedback().all()))
                    .anySatisfy(feedback -> assertThat(feedback.rating()).isEqualTo("Good"));
            assertThat(after.say("mid-flow", "we live in Sedgley")).contains("for falls in North Dudley");
            assertThat(after.say("referrer-later", "check referral " + reference)).contains("date of birth");
            assertThat(after.say("referrer-later", "03/05/1950")).contains("received, and waiting to be looked at");
        }
    }

    @Test
    void conversationsOfADataDirectoryFromBeforeTheJournalCarryOn() throws Exception {
        Files.createDirectories(RunningServer.DATA);
        Path data = Files.createTempDirectory(RunningServer.DATA, "before-journal-");
        ServerConfig config = ServerConfig.fromEnvironment(Map.of());
        List<ConversationEvent> events;
        try (RunningServer before = RunningServer.start(config, data)) {
            assertThat(before.say("mid-flow", "I need help with falls")).contains("Which part of Dudley");
            events = RunningServer.await(before.signpost().stores().trackers().load("mid-flow"));
        }
        // Where an earlier Signpost kept the same conversation: the embedded store, no journal.
        ConversationJournal.deleteFiles(data.resolve("conversations"));
        Vertx vertx = Vertx.vertx();
        try (EmbeddedMongo embedded = EmbeddedMongo.start(data.resolve("store").resolve("signpost"));
                Mongo mongo = Mongo.connect(vertx, embedded.connectionString(), "signpost", embedded)) {
            RunningServer.await(new MongoStores.Trackers(mongo).append("mid-flow", events));
            // And what a first copy into the journal that a crash cut short would have left.
            try (ConversationJournal cutShort = ConversationJournal.open(vertx, data.resolve("conversations"))) {
                RunningServer.await(cutShort.append("mid-flow", events.subList(0, 2)));
            }
        } finally {
            RunningServer.await(vertx.close());
        }

        try (RunningServer after = RunningServer.start(config, data)) {
            assertThat(MongoStores.Trackers.present(after.signpost().stores().mongo())).as("copied, then dropped").isFalse();
            assertThat(after.say("mid-flow", "we live in Sedgley")).contains("for falls in North Dudley");
        }
        try (RunningServer again = RunningServer.start(config, data)) {
            assertThat(RunningServer.await(again.signpost().stores().trackers().load("mid-flow")))
                    .as("copied once").startsWith(events.toArray(ConversationEvent[]::new))
                    .hasSizeGreaterThan(events.size()).doesNotHaveDuplicates();
        }
    }

    @Test
    void aMessageTheDiskCannotKeepIsRefusedWithA503AndKeptNowhere() throws Exception {
        Files.createDirectories(RunningServer.DATA);
        Path data = Files.createTempDirectory(RunningServer.DATA, "disk-full-");
        // Linux's /dev/full refuses every write as a full disk would.
        Files.createDirectories(data.resolve("conversations"));
        Files.createSymbolicLink(data.resolve("conversations").resolve("00000001.journal"), Path.of("/dev/full"));

        try (RunningServer server = RunningServer.start(ServerConfig.fromEnvironment(Map.of()), data)) {
            var response = server.postJson("/webhooks/rest/webhook", "{\"sender\": \"full\", \"message\": \"hello\"}");

            assertThat(response.statusCode()).isEqualTo(503);
            assertThat(new io.vertx.core.json.JsonObject(response.body()).getString("error")).isEqualTo("store_unavailable");
            assertThat(response.headers().firstValue("Retry-After")).isPresent();
            assertThat(RunningServer.await(server.signpost().stores().trackers().load("full"))).isEmpty();
        }
    }
}
