package org.signpost.core.turn;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.signpost.content.SourceLocation;
import org.signpost.core.MovableClock;
import org.signpost.core.conversation.InMemoryConversationLock;
import org.signpost.core.conversation.RecordingTrackerStore;
import org.signpost.core.event.ConversationEvent;
import org.signpost.core.event.EscalationRequested;
import org.signpost.core.event.NavigatorJoined;
import org.signpost.core.event.NavigatorLeft;
import org.signpost.core.event.NavigatorUttered;
import org.signpost.core.event.SafetyFlagged;
import org.signpost.core.event.SessionStarted;
import org.signpost.core.event.UserUttered;
import org.signpost.core.flow.DialogueLoader;
import org.signpost.core.flow.FlowEngine;
import org.signpost.core.flow.RecordingAction;
import org.signpost.core.flow.TestDialogue;
import org.signpost.core.message.BotMessage;
import org.signpost.core.message.Channel;
import org.signpost.core.message.UserMessage;
import org.signpost.core.safety.Phrase;
import org.signpost.core.safety.SafetyCategory;
import org.signpost.core.safety.SafetyRules;
import org.signpost.core.safety.SafetyScreen;
import org.signpost.core.transcript.Transcript;
import org.signpost.core.transcript.TranscriptEntry;
import org.signpost.nlu.IntentScore;
import org.signpost.nlu.IntentShortcut;
import org.signpost.nlu.ParseResult;

class TurnProcessorTest {

    private final RecordingTrackerStore trackers = new RecordingTrackerStore();
    private final InMemoryConversationLock lock = new InMemoryConversationLock();
    private final MovableClock clock = new MovableClock(Instant.parse("2026-11-23T10:00:00Z"));
    private final Map<String, ParseResult> understood = new HashMap<>();
    private final RecordingAction record = new RecordingAction();
    private final SafetyScreen safety = new SafetyScreen(new SafetyRules(
            Map.of(SafetyCategory.EMERGENCY, List.of(Phrase.parse("chest pain", new SourceLocation("rules", 1)))),
            List.of(Phrase.parse("no", new SourceLocation("rules", 2))), 2, List.of()));
    private final List<TranscriptEntry> published = new ArrayList<>();
    private final TurnProcessor processor = new TurnProcessor(text -> Future.succeededFuture(parse(text)),
            safety, new FlowEngine(new DialogueLoader(TestDialogue.INTENTS, TestDialogue.ENTITIES, List.of(record))
                    .load(TestDialogue.files())),
            trackers, lock, clock, (id, entries) -> published.addAll(entries));


    /** Button payloads are understood exactly; other text is whatever a test said, else unclear. */
    private ParseResult parse(String text) {
        if (understood.containsKey(text)) {
            return understood.get(text);
        }
        return IntentShortcut.parse(text).orElseGet(() -> unclear(text, List.of()));
    }

    private static ParseResult understood(String text, String intent) {
        IntentScore score = new IntentScore(intent, 0.9);
        return new ParseResult(text, score, List.of(), List.of(score));
    }

    private static ParseResult unclear(String text, List<IntentScore> ranking) {
        IntentScore fallback = new IntentScore(ParseResult.FALLBACK_INTENT, 0.3);
        List<IntentScore> all = new ArrayList<>(List.of(fallback));
        all.addAll(ranking);
        return new ParseResult(text, fallback, List.of(), all);
    }

    private ConversationScript conversation() {
        return new ConversationScript(processor, "c1", Channel.REST);
    }

    @Test
    void whileANavigatorHasJoinedTheBotStaysQuietUnlessTheSafetyScreenFires() throws Exception {
        conversation().send("/greet");
        trackers.append("c1", List.of(new NavigatorJoined(clock.instant(), "e-1", "sam")))
                .toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
        conversation().send("/greet").expect();
        List<ConversationEvent> quiet = trackers.load("c1").toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
        assertThat(quiet.get(quiet.size() - 1)).isInstanceOf(UserUttered.class);

        ConversationScript unsafe = conversation().send("he has chest pain");
        assertThat(unsafe.replies()).extracting(BotMessage::text).contains("Call 999 now.");
        List<ConversationEvent> events = trackers.load("c1").toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
        assertThat(events).filteredOn(SafetyFlagged.class::isInstance).hasSize(1);
        // The navigator is already there: no second queue entry for someone else to claim.
        assertThat(events).noneMatch(EscalationRequested.class::isInstance);

        trackers.append("c1", List.of(new NavigatorLeft(clock.instant(), "sam", "handed_back")))
                .toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
        conversation().send("/greet").expect("Hi there!");
    }

    @Test
    void aMessageDeliveredAgainIsAnsweredFromTheTranscriptNotHandledTwice() throws Exception {
        UserMessage delivered = new UserMessage("c1", Channel.WHATSAPP, "/greet", Map.of(UserMessage.MESSAGE_ID, "wamid.1"));
        List<BotMessage> first = processor.handle(delivered).toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
        List<ConversationEvent> once = trackers.load("c1").toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
        assertThat(first).extracting(BotMessage::text).containsExactly("Hi there!");
        assertThat(once).filteredOn(UserUttered.class::isInstance).singleElement()
                .satisfies(said -> assertThat(((UserUttered) said).messageId()).isEqualTo("wamid.1"));

        conversation().send("/greet");
        List<BotMessage> again = processor.handle(delivered).toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
        assertThat(again).isEqualTo(first);
        List<ConversationEvent> after = trackers.load("c1").toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
        assertThat(after).filteredOn(UserUttered.class::isInstance).hasSize(2);
    }

    @Test
    void greetsWithARepeatableVariant() {
        conversation().send("/greet").expect("Hi there!");
    }

    @Test
    void collectsEachSlotThenActs() {
        conversation()
                .send("/find_service").expect("What do you need help with?")
                .send("/inform{\"service_category\": \"falls\"}").expect("Where do you live?")
                .send("/inform{\"locality\": \"Halesowen\"}").expect("Found for falls in Halesowen.");
        assertThat(record.runs).hasSize(1);
        assertThat(record.runs.get(0).state().slots()).containsEntry("locality", "Halesowen");
    }

    @Test
    void doesNotAskForWhatTheFirstMessageAlreadySaid() {
        conversation()
                .send("/find_service{\"service_category\": \"falls\", \"locality\": \"Stourbridge\"}")
                .expect("Found for falls in Stourbridge.");
    }

    @Test
    void keepsTheLocalityButNotTheNeedForTheNextSearch() {
        conversation()
                .send("/find_service{\"service_category\": \"falls\", \"locality\": \"Stourbridge\"}")
                .send("/find_service").expect("What do you need help with?")
                .send("/inform{\"service_category\": \"carers\"}").expect("Found for carers in Stourbridge.");
    }

    @Test
    void ignoresValuesOutsideASlotsAllowedValues() {
        conversation()
                .send("/find_service{\"service_category\": \"falls\"}").expect("Where do you live?")
                .send("/inform{\"locality\": \"Birmingham\"}").expect("Where do you live?");
    }

    @Test
    void repromptsThenOffersAPersonAfterThreeFailedAttempts() {
        conversation()
                .send("/find_service").expect("What do you need help with?")
                .send("blah").expect("Sorry, what kind of help?")
                .send("blah blah").expect("Sorry, what kind of help?")
                .send("still blah").expect("Would you like to talk to a person?")
                .expectButtons("Talk to a person")
                .send("/inform{\"service_category\": \"falls\"}").expect("Where do you live?");
    }

    @Test
    void answersADigressionThenReturnsToTheQuestion() {
        conversation()
                .send("/find_service{\"service_category\": \"falls\"}").expect("Where do you live?")
                .send("/help").expect("I find services.", "Let's carry on with: Find a service.", "Where do you live?")
                .send("/inform{\"locality\": \"Halesowen\"}").expect("Found for falls in Halesowen.");
    }

    @Test
    void cancelAbandonsTheFlowAndForgetsWhatItCollected() {
        conversation()
                .send("/find_service{\"service_category\": \"falls\"}").expect("Where do you live?")
                .send("/cancel").expect("Stopped.")
                .send("/inform{\"locality\": \"Halesowen\"}").expect("I can help you find a service.")
                .send("/find_service").expect("What do you need help with?");
    }

    @Test
    void handsOverFromTheMiddleOfAFlowAndThenCarriesOn() {
        conversation()
                .send("/find_service").expect("What do you need help with?")
                .send("/human_handoff").expect("A person will help.", "Let's carry on with: Find a service.",
                        "What do you need help with?");
    }

    @Test
    void clarifiesWithTheLikeliestFlowsThenOffersAPerson() {
        understood.put("hmm", unclear("hmm", List.of(new IntentScore("help", 0.25), new IntentScore("affirm", 0.2),
                new IntentScore("find_service", 0.1), new IntentScore("greet", 0.05), new IntentScore("cancel", 0.01))));
        conversation()
                .send("hmm").expect("Sorry, did you mean one of these?")
                .expectButtons("What I can do", "Find a service", "Say hello")
                .send("hmm").expect("Would you like to talk to a person?");
    }

    @Test
    void aFreeTextSlotTakesTheWholeAnswer() {
        conversation()
                .send("/carer_support").expect("Tell me more.")
                .send("I look after my mum, she keeps falling").expect("Noted: I look after my mum, she keeps falling");
    }

    @Test
    void aFreeTextAnswerIsTakenEvenIfItSoundsLikeAnotherRequest() {
        understood.put("I need help finding a service", understood("I need help finding a service", "find_service"));
        conversation()
                .send("/carer_support").expect("Tell me more.")
                .send("I need help finding a service").expect("Noted: I need help finding a service");
    }

    @Test
    void cancelStillInterruptsAFreeTextQuestion() {
        understood.put("stop", understood("stop", "cancel"));
        conversation()
                .send("/carer_support").expect("Tell me more.")
                .send("stop").expect("Stopped.");
    }

    @Test
    void aMessageThatStartsNothingGetsTheDefaultReply() {
        conversation().send("/affirm").expect("I can help you find a service.");
    }

    @Test
    void aMalformedButtonPayloadIsTreatedAsUnclear() {
        conversation().send("/greet{not json").expect("Sorry, did you mean one of these?");
    }

    @Test
    void aSafetyPhraseWinsOverTheClassifierAndAnOpenQuestion() {
        understood.put("my dad has chest pain", IntentShortcut.parse("/greet").orElseThrow());
        conversation()
                .send("/find_service").expect("What do you need help with?")
                .send("my dad has chest pain").expect("Call 999 now.", "Let's carry on with: Find a service.",
                        "What do you need help with?");

        assertThat(trackers.load("c1").result()).filteredOn(SafetyFlagged.class::isInstance)
                .singleElement().isEqualTo(new SafetyFlagged(clock.instant(), "emergency", "chest pain"));
    }

    @Test
    void aNegatedSafetyPhraseDoesNotFire() {
        conversation().send("no chest pain").expect("Sorry, did you mean one of these?");

        assertThat(trackers.load("c1").result()).noneMatch(SafetyFlagged.class::isInstance);
    }

    @Test
    void buttonPayloadsAreNotScreened() {
        conversation().send("/greet{\"note\": \"chest pain\"}").expect("Hi there!");
    }

    @Test
    void buttonsFillSlotsIntentsAnswerYesNoAndValidatorsCheckValues() {
        understood.put("3rd May 2099", new ParseResult("3rd May 2099", new IntentScore("inform", 0.9),
                List.of(new org.signpost.nlu.ExtractedEntity("date", "2099-05-03", 0, 12, "test", 1, List.of())),
                List.of(new IntentScore("inform", 0.9))));
        understood.put("3rd May 1950", new ParseResult("3rd May 1950", new IntentScore("inform", 0.9),
                List.of(new org.signpost.nlu.ExtractedEntity("date", "1950-05-03", 0, 12, "test", 1, List.of())),
                List.of(new IntentScore("inform", 0.9))));
        conversation()
                .send("/make_referral").expect("How urgent is it?")
                .send("/inform{\"urgency\": \"urgent\"}").expect("May we share your details?")
                .send("/affirm").expect("What is the date of birth?")
                .send("3rd May 2099").expect("What is the date of birth?")
                .send("3rd May 1950").expect("Born 1950-05-03, urgent.", "Done.");
    }

    @Test
    void aFalseConditionSkipsAStepAndNextJumps() {
        conversation()
                .send("/make_referral{\"urgency\": \"routine\"}").expect("May we share your details?")
                .send("/deny").expect("Without consent I cannot refer.", "Done.");
    }

    @Test
    void aTurnReadsItsConversationOnlyFromTheLastEventItKnows() {
        conversation().send("/greet");
        int afterFirst = trackers.events("c1").size();
        conversation().send("/find_service").expect("What do you need help with?");
        int afterSecond = trackers.events("c1").size();
        conversation().send("/inform{\"service_category\": \"falls\"}").expect("Where do you live?");

        assertThat(trackers.reads()).containsExactly("whole", "from " + (afterFirst - 1), "from " + (afterSecond - 1));
    }

    @Test
    void whatOthersAppendedBetweenTurnsIsReadAndNumberedInTheTranscript() throws Exception {
        conversation().send("/greet");
        int known = trackers.events("c1").size();
        int seenBefore = published.size();
        trackers.append("c1", List.of(new NavigatorJoined(clock.instant(), "e-1", "sam"),
                new NavigatorUttered(clock.instant(), "sam", "Hello, I'm Sam"))).toCompletionStage().toCompletableFuture()
                .get(5, TimeUnit.SECONDS);

        conversation().send("/greet").expect();

        assertThat(trackers.reads()).last().isEqualTo("from " + (known - 1));
        assertThat(published).as("the person's message, numbered after the navigator's two lines")
                .last().satisfies(line -> assertThat(line.seq()).isEqualTo(seenBefore + 3));
        assertThat(published.get(published.size() - 1).seq())
                .isEqualTo(Transcript.lastSeq(Transcript.of(trackers.events("c1"))));
    }

    @Test
    void aConversationDeletedByRetentionIsReadAfreshNotContinued() {
        conversation().send("/find_service{\"service_category\": \"falls\"}").expect("Where do you live?");
        int known = trackers.events("c1").size();
        assertThat(trackers.deleteIdleSince(clock.instant().plusSeconds(1)).result()).isEqualTo(1);

        conversation().send("/inform{\"locality\": \"Halesowen\"}").expect("I can help you find a service.");

        assertThat(trackers.reads()).containsExactly("whole", "from " + (known - 1), "whole");
        assertThat(trackers.events("c1").get(0)).isInstanceOf(SessionStarted.class);
    }

    @Test
    void aTurnWhoseAppendMayNotHaveBeenKeptLeavesTheNextTurnToReadTheConversationWhole() {
        conversation().send("/find_service{\"service_category\": \"falls\"}").expect("Where do you live?");
        trackers.failNextAppendOnceKept();
        processor.handle(new UserMessage("c1", Channel.REST, "/greet", Map.of()));
        int kept = trackers.events("c1").size();

        conversation().send("/inform{\"locality\": \"Halesowen\"}").expect("Found for falls in Halesowen.");

        assertThat(trackers.reads()).endsWith("whole");
        assertThat(trackers.events("c1").size()).isGreaterThan(kept);
    }

    @Test
    void recordsEveryTurnAsEvents() {
        conversation().send("/greet").send("/find_service");

        List<ConversationEvent> events = trackers.load("c1").result();
        assertThat(events.get(0)).isInstanceOf(SessionStarted.class);
        assertThat(events).filteredOn(UserUttered.class::isInstance).extracting(e -> ((UserUttered) e).intent())
                .containsExactly("greet", "find_service");
    }

    @Test
    void startsANewSessionAfterTheExpiry() {
        conversation().send("/find_service{\"service_category\": \"falls\"}").expect("Where do you live?");
        clock.move(Duration.ofMinutes(31));
        conversation().send("/inform{\"locality\": \"Halesowen\"}").expect("I can help you find a service.");

        assertThat(trackers.load("c1").result()).filteredOn(SessionStarted.class::isInstance).hasSize(2);
    }

    @Test
    void aFailingActionGivesAnApologyAndLeavesTheConversationUsable() {
        record.failNext = true;
        conversation()
                .send("/find_service{\"service_category\": \"falls\", \"locality\": \"Stourbridge\"}")
                .expect("Sorry, something went wrong.")
                .send("/find_service{\"service_category\": \"falls\", \"locality\": \"Stourbridge\"}")
                .expect("Found for falls in Stourbridge.");
        assertThat(lock.activeConversations()).isZero();
    }

    @Test
    void conversationsAreIndependent() {
        new ConversationScript(processor, "a", Channel.REST).send("/find_service").expect("What do you need help with?");
        new ConversationScript(processor, "b", Channel.REST).send("/greet").expect("Hi there!");
        new ConversationScript(processor, "a", Channel.REST).send("/inform{\"service_category\": \"falls\"}")
                .expect("Where do you live?");
    }
}
