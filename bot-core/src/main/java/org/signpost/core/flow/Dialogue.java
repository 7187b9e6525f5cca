package org.signpost.core.flow;

import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import org.signpost.core.response.ResponseCatalog;

/**
 * All validated dialog content: flows, slots and responses, with the actions flows may call.
 * Built by {@link DialogueLoader}; immutable.
 */
public final class Dialogue {

    /** Said when the NLU is unsure; the engine adds buttons for the likeliest flows. */
    public static final String CLARIFY = "utter_clarify";
    /** Said after repeated misunderstanding, offering a person. */
    public static final String OFFER_HANDOFF = "utter_offer_handoff";
    /** Said for an intent that starts no flow and answers no question. */
    public static final String DEFAULT = "utter_default";
    /** Said when a turn fails on Signpost's side. */
    public static final String ERROR = "utter_error";
    /** Said before a flow that was interrupted carries on. */
    public static final String RESUME = "utter_resume_flow";
    /** Responses the engine itself says, so content must define them. */
    public static final Set<String> ENGINE_RESPONSES = Set.of(CLARIFY, OFFER_HANDOFF, DEFAULT, ERROR, RESUME);
    /** Placeholders the engine fills itself. */
    public static final Set<String> ENGINE_VARIABLES = Set.of("flow_title");
    /** Built-in action: cancel every flow below the one running it. */
    public static final String CANCEL_FLOW = "action_cancel_flow";

    private final Map<String, Flow> flows;
    private final Map<String, Flow> flowsByIntent;
    private final Map<String, SlotDefinition> slots;
    private final ResponseCatalog responses;
    private final Map<String, Action> actions;
    private final Duration sessionExpiry;
    private final Set<String> freeTextInterruptions;

    Dialogue(Map<String, Flow> flows, Map<String, SlotDefinition> slots, ResponseCatalog responses,
            Map<String, Action> actions, Duration sessionExpiry, Set<String> freeTextInterruptions) {
        this.flows = Map.copyOf(flows);
        Map<String, Flow> byIntent = new LinkedHashMap<>();
        flows.values().forEach(flow -> flow.intents().forEach(intent -> byIntent.put(intent, flow)));
        this.flowsByIntent = Map.copyOf(byIntent);
        this.slots = Map.copyOf(slots);
        this.responses = Objects.requireNonNull(responses, "responses");
        this.actions = Map.copyOf(actions);
        this.sessionExpiry = Objects.requireNonNull(sessionExpiry, "sessionExpiry");
        this.freeTextInterruptions = Set.copyOf(freeTextInterruptions);
    }

    /**
     * Intents that interrupt a free-text answer ("stop", "talk to a person"). Any other message
     * given when a free-text slot is asked for is the answer, whatever it seems to be about:
     * "I've been feeling low" is a referral reason, not a new search.
     */
    public Set<String> freeTextInterruptions() {
        return freeTextInterruptions;
    }

    public Optional<Flow> flow(String id) {
        return Optional.ofNullable(flows.get(id));
    }

    public Collection<Flow> flows() {
        return flows.values();
    }

    public Optional<Flow> flowFor(String intent) {
        return Optional.ofNullable(flowsByIntent.get(intent));
    }

    public Optional<SlotDefinition> slot(String name) {
        return Optional.ofNullable(slots.get(name));
    }

    public Collection<SlotDefinition> slots() {
        return slots.values();
    }

    public ResponseCatalog responses() {
        return responses;
    }

    public Optional<Action> action(String name) {
        return Optional.ofNullable(actions.get(name));
    }

    /**
     * Every intent the content relies on: those that start flows and those that buttons send. An
     * NLU model that lacks one of them cannot serve this dialogue.
     */
    public SortedSet<String> intentsUsed() {
        SortedSet<String> used = new TreeSet<>(flowsByIntent.keySet());
        for (org.signpost.core.response.Response response : responses.all()) {
            for (org.signpost.core.response.ResponseVariant variant : response.variants()) {
                for (org.signpost.core.message.Button button : variant.buttons()) {
                    String payload = button.payload();
                    if (payload.startsWith("/")) {
                        used.add(payload.substring(1).split("\\{", 2)[0].strip());
                    }
                }
            }
        }
        return used;
    }

    /** Entity types that slots are filled from. */
    public SortedSet<String> entityTypesUsed() {
        SortedSet<String> used = new TreeSet<>();
        slots.values().forEach(slot -> slot.entity().ifPresent(used::add));
        return used;
    }

    /** After this long without a message, the next message starts a new session. */
    public Duration sessionExpiry() {
        return sessionExpiry;
    }
}
