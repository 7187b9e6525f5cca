package org.signpost.dialogs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.signpost.content.ContentFiles;
import org.signpost.core.directory.AgeQuestionAction;
import org.signpost.core.directory.InMemoryServiceDirectory;
import org.signpost.core.directory.PostcodeLocalities;
import org.signpost.core.directory.SearchServicesAction;
import org.signpost.core.directory.ServiceDetailsAction;
import org.signpost.core.directory.Service;
import org.signpost.core.directory.ServiceCatalogReader;
import org.signpost.core.escalation.EscalateAction;
import org.signpost.core.escalation.InMemoryEscalationQueue;
import org.signpost.core.feedback.InMemoryFeedbackLog;
import org.signpost.core.feedback.RecordFeedbackAction;
import org.signpost.core.gap.InMemoryCapacityGapLog;
import org.signpost.core.referral.CreateReferralAction;
import org.signpost.core.referral.InMemoryReferralStore;
import org.signpost.core.referral.ReferralRouteAction;
import org.signpost.core.referral.ReferralStatusAction;
import org.signpost.core.referral.References;
import org.signpost.core.flow.Dialogue;
import org.signpost.core.flow.DialogueLoader;
import org.signpost.core.flow.Flow;
import org.signpost.core.flow.SlotDefinition;
import org.signpost.nlu.data.RasaYamlReader;
import org.signpost.nlu.data.TrainingData;

/** Loads and validates all shipped content against the shipped NLU data, as start-up does. */
class DialogContentTest {

    private static final TrainingData NLU = new RasaYamlReader().read(
            ContentFiles.fromClasspath("nlu-data", DialogContentTest.class.getClassLoader(), ".yml"));
    private static final List<Service> SEED = ServiceCatalogReader.read(DialogContent.directory());
    private static final InMemoryServiceDirectory DIRECTORY = new InMemoryServiceDirectory(SEED);
    private static final Dialogue DIALOGUE = new DialogueLoader(NLU.intents(), NLU.entityTypes(), List.of(
            new SearchServicesAction(DIRECTORY, new InMemoryCapacityGapLog()),
            new ServiceDetailsAction(DIRECTORY, ServiceDetailsAction.Question.INFO),
            new ServiceDetailsAction(DIRECTORY, ServiceDetailsAction.Question.AVAILABILITY),
            new AgeQuestionAction(DIRECTORY),
            new ReferralRouteAction(DIRECTORY),
            new CreateReferralAction(DIRECTORY, new InMemoryReferralStore(), new References()),
            new ReferralStatusAction(new InMemoryReferralStore()),
            new RecordFeedbackAction(new InMemoryFeedbackLog()),
            new EscalateAction(new InMemoryEscalationQueue())))
            .load(DialogContent.dialogue());

    /**
     * On the phone, a caller without speech recognition has only the keypad: every question with
     * a fixed set of answers must offer them as options ("press 1 for ..."), first time and again.
     */
    @Test
    void everyQuestionWithFixedAnswersOffersThemOnThePhoneKeypad() {
        List<String> missing = new java.util.ArrayList<>();
        for (SlotDefinition slot : DIALOGUE.slots()) {
            boolean fixedAnswers = !slot.values().isEmpty() || !slot.fromIntent().isEmpty();
            if (!fixedAnswers) {
                continue;
            }
            for (String ask : List.of("utter_ask_" + slot.name(), "utter_ask_" + slot.name() + "_again")) {
                if (!DIALOGUE.responses().contains(ask)) {
                    continue;
                }
                Set<String> payloads = new TreeSet<>();
                DIALOGUE.responses().render(ask, org.signpost.core.message.Channel.VOICE, java.util.Map.of(), 0).buttons()
                        .forEach(button -> payloads.add(button.payload()));
                // A yes/no question needs both answers; a list of values at least a choice of two.
                boolean answerable = slot.fromIntent().keySet().stream().allMatch(intent -> payloads.contains("/" + intent))
                        && (slot.values().isEmpty() || payloads.size() >= 2);
                if (!answerable) {
                    missing.add(ask);
                }
            }
        }
        assertThat(missing).as("questions a keypad caller could not answer").isEmpty();
    }

    @Test
    void everyQuestionWithoutFixedAnswersTakesTypedWordsSoTheKeypadCanSpellOrKeyThem() {
        // The phone line turns keyed numbers and spelled words into text (KeyedAnswer, SpelledAnswer):
        // a question whose answer could only come some other way could not be answered by keypad.
        List<String> missing = new java.util.ArrayList<>();
        for (SlotDefinition slot : DIALOGUE.slots()) {
            boolean fixedAnswers = !slot.values().isEmpty() || !slot.fromIntent().isEmpty();
            boolean asked = DIALOGUE.responses().contains("utter_ask_" + slot.name());
            if (asked && !fixedAnswers && !slot.fromText() && slot.entity().isEmpty()) {
                missing.add(slot.name());
            }
        }
        assertThat(missing).as("questions only a chat could answer").isEmpty();
    }

    @Test
    void everyIntentButThoseThatAnswerAQuestionStartsAFlow() {
        Set<String> withoutFlow = new TreeSet<>(NLU.intents());
        DIALOGUE.flows().forEach(flow -> withoutFlow.removeAll(flow.intents()));

        assertThat(withoutFlow).containsExactly("affirm", "deny", "inform");
    }

    @Test
    void theSeedDirectoryUsesTheDialoguesClosedLists() {
        ServiceCatalogReader.checkVocabulary(SEED, values("service_category"), values("locality"));

        assertThat(SEED).hasSizeGreaterThanOrEqualTo(28);
        assertThat(values("locality")).containsExactly("Brierley Hill", "Dudley and Netherton", "Halesowen",
                "North Dudley", "Stourbridge", "Outside Dudley");
    }

    @Test
    void everySafetyFlowAlertsANavigatorWithTopPriority() {
        for (String intent : List.of("emergency", "mental_health_crisis", "safeguarding")) {
            Flow flow = DIALOGUE.flowFor(intent).orElseThrow();
            assertThat(flow.steps()).as(intent).anySatisfy(step -> assertThat(step.toString())
                    .contains("action_escalate").contains("priority=safety"));
        }
    }

    @Test
    void theLocalityValuesAreTheNluLocalities() {
        Set<String> annotated = new TreeSet<>();
        NLU.examples().forEach(example -> example.entities().stream()
                .filter(entity -> entity.entity().equals("locality"))
                .forEach(entity -> annotated.add(entity.value())));

        assertThat(values("locality")).containsAll(annotated);
    }

    @Test
    void mapsDudleyPostcodesToTheirLocalityAndOthersOutside() {
        PostcodeLocalities places = PostcodeLocalities.read(DialogContent.places(), Set.copyOf(values("locality")));

        assertThat(places.locality("dy8 1ab")).contains("Stourbridge");
        assertThat(places.locality("B63 2JB")).contains("Halesowen");
        assertThat(places.locality("WV14 9AB")).contains("North Dudley");
        assertThat(places.locality("B1 1AA")).contains(PostcodeLocalities.OUTSIDE);
        assertThat(places.locality("not a postcode")).isEmpty();
    }

    private static List<String> values(String slot) {
        return DIALOGUE.slot(slot).map(SlotDefinition::values).orElseThrow();
    }
}
