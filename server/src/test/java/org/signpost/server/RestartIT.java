package org.signpost.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * On the embedded default, everything people and staff did survives a restart: conversations
 * carry on where they were, referrals, feedback and directory edits are still there.
 */
class RestartIT {

    private static String say(RunningServer server, String sender, String message) throws Exception {
        JsonArray replies = new JsonArray(server.postJson("/webhooks/rest/webhook",
                new JsonObject().put("sender", sender).put("message", message).encode()).body());
        StringBuilder text = new StringBuilder();
        replies.forEach(reply -> text.append(((JsonObject) reply).getString("text")).append('\n'));
        return text.toString();
    }

    @Test
    void keepsConversationsReferralsFeedbackAndDirectoryEditsAcrossARestart() throws Exception {
        Files.createDirectories(RunningServer.DATA);
        Path data = Files.createTempDirectory(RunningServer.DATA, "restart-");
        ServerConfig config = ServerConfig.fromEnvironment(Map.of());
        String reference;
        try (RunningServer before = RunningServer.start(config, data)) {
            say(before, "referrer", "/make_referral{\"service\": \"Dudley Talking Therapies (NHS Talking Therapies for anxiety "
                    + "and depression)\", \"relationship\": \"self\"}");
            for (String answer : new String[] {"Alex Green", "03/05/1950", "/deny", "DY8 1AB", "07700 900123",
                "I have felt low for months", "/inform{\"urgency\": \"routine\"}", "/affirm"}) {
                say(before, "referrer", answer);
            }
            Matcher match = Pattern.compile("SP-[A-Z0-9]{6}").matcher(say(before, "referrer", "/affirm"));
            assertThat(match.find()).isTrue();
            reference = match.group();
            say(before, "rater", "/feedback");
            say(before, "rater", "/inform{\"fft_rating\": \"Good\"}");
            say(before, "rater", "no");
            assertThat(say(before, "mid-flow", "I need help with falls")).contains("Which part of Dudley");
        }

        try (RunningServer after = RunningServer.start(config, data)) {
            assertThat(RunningServer.await(after.signpost().stores().referrals().find(reference))).isPresent();
            assertThat(RunningServer.await(after.signpost().stores().feedback().all()))
                    .anySatisfy(feedback -> assertThat(feedback.rating()).isEqualTo("Good"));
            assertThat(say(after, "mid-flow", "we live in Sedgley")).contains("for falls in North Dudley");
            assertThat(say(after, "referrer-later", "check referral " + reference)).contains("date of birth");
            assertThat(say(after, "referrer-later", "03/05/1950")).contains("received, and waiting to be looked at");
        }
    }
}
