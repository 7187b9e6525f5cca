package org.signpost.core.flow;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.signpost.content.ContentException;
import org.signpost.content.ContentFile;
import org.signpost.content.SourceLocation;
import org.signpost.content.YamlNode;
import org.signpost.core.message.Button;
import org.signpost.core.message.Channel;
import org.signpost.core.response.Response;
import org.signpost.core.response.ResponseCatalog;
import org.signpost.core.response.ResponseVariant;
import org.signpost.core.response.Template;
import org.signpost.error.InvalidInputException;
import org.signpost.nlu.IntentShortcut;

/**
 * Reads dialog content (YAML files with any of the top-level keys {@code flows}, {@code slots},
 * {@code responses} and {@code session}) and checks that everything it refers to exists: intents
 * the NLU knows, entity types it extracts, slots, responses and actions. Any problem is a
 * {@link ContentException} naming file and line, so bad content stops start-up rather than a
 * conversation.
 */
public final class DialogueLoader {

    private static final Set<String> TOP_LEVEL_KEYS = Set.of("flows", "slots", "responses", "session");
    private static final Set<String> FLOW_KEYS = Set.of("title", "description", "intents", "steps");
    private static final Set<String> SLOT_KEYS = Set.of("from_entity", "from_text", "from_button", "from_intent", "values",
            "validator", "only_when_asked", "description");
    private static final Set<String> COLLECT_KEYS = Set.of("id", "if", "collect", "ask", "reprompt", "reset_after_flow_ends",
            "description");
    private static final Set<String> ACTION_KEYS = Set.of("id", "if", "action", "with", "next", "description");
    private static final Set<String> SET_KEYS = Set.of("id", "if", "set_slots", "reset_slots", "next", "description");
    private static final Set<String> VARIANT_KEYS = Set.of("text", "buttons", "channel");
    private static final String NAME = "[a-z][a-z0-9_]*";

    private final Set<String> intents;
    private final Set<String> entityTypes;
    private final Map<String, Action> actions;

    /**
     * @param intents the intents the NLU predicts
     * @param entityTypes the entity types the NLU extracts
     * @param actions the custom actions flows may call, by name
     */
    public DialogueLoader(Set<String> intents, Set<String> entityTypes, List<Action> actions) {
        this.intents = Set.copyOf(intents);
        this.entityTypes = Set.copyOf(entityTypes);
        Map<String, Action> byName = new LinkedHashMap<>();
        for (Action action : actions) {
            if (!action.name().matches("action_" + "[a-z0-9_]+") || byName.put(action.name(), action) != null) {
                throw new IllegalArgumentException("action names must be unique and start with action_: " + action.name());
            }
        }
        this.actions = Map.copyOf(byName);
    }

    public Dialogue load(List<ContentFile> files) {
        Map<String, Flow> flows = new LinkedHashMap<>();
        Map<String, SlotDefinition> slots = new LinkedHashMap<>();
        Map<String, Response> responses = new LinkedHashMap<>();
        Map<String, SourceLocation> intentTriggers = new LinkedHashMap<>();
        Duration expiry = Duration.ofMinutes(60);
        Set<String> interruptions = new HashSet<>();
        List<YamlNode> flowNodes = new ArrayList<>();
        List<YamlNode> responseNodes = new ArrayList<>();
        for (ContentFile file : files) {
            YamlNode root = YamlNode.parse(file);
            if (!root.isMapping()) {
                throw root.error("dialog content is a mapping with keys " + TOP_LEVEL_KEYS);
            }
            root.requireOnlyKeys(TOP_LEVEL_KEYS);
            YamlNode session = root.find("session").orElse(null);
            if (session != null) {
                session.requireOnlyKeys(Set.of("expiry_minutes", "free_text_interruptions"));
                YamlNode minutes = session.get("expiry_minutes");
                if (minutes.asInt() < 1) {
                    throw minutes.error("expiry_minutes must be at least 1");
                }
                expiry = Duration.ofMinutes(minutes.asInt());
                YamlNode interrupting = session.find("free_text_interruptions").orElse(null);
                if (interrupting != null) {
                    for (String intent : interrupting.asTextList()) {
                        if (!intents.contains(intent)) {
                            throw interrupting.error("unknown intent '" + intent + "' in free_text_interruptions");
                        }
                        interruptions.add(intent);
                    }
                }
            }
            root.find("slots").ifPresent(node -> node.asMap().forEach((name, slot) ->
                    putUnique(slots, name, readSlot(name, slot), node, "slot")));
            root.find("responses").ifPresent(responseNodes::add);
            root.find("flows").ifPresent(flowNodes::add);
        }
        // Responses after every slot is known: buttons may set slots marked from_button.
        Set<String> buttonSlots = new HashSet<>();
        slots.values().stream().filter(SlotDefinition::fromButton).forEach(slot -> buttonSlots.add(slot.name()));
        for (YamlNode node : responseNodes) {
            node.asMap().forEach((name, response) ->
                    putUnique(responses, name, readResponse(name, response, buttonSlots), node, "response"));
        }
        ResponseCatalog catalog = new ResponseCatalog(responses);
        for (YamlNode node : flowNodes) {
            node.asMap().forEach((id, flowNode) -> {
                Flow flow = readFlow(id, flowNode, slots, catalog);
                putUnique(flows, id, flow, node, "flow");
                for (String intent : flow.intents()) {
                    SourceLocation earlier = intentTriggers.putIfAbsent(intent, flow.location());
                    if (earlier != null) {
                        throw new ContentException(flow.location(),
                                "intent '" + intent + "' already starts the flow defined at " + earlier);
                    }
                }
            });
        }
        for (String required : Dialogue.ENGINE_RESPONSES) {
            if (!catalog.contains(required)) {
                String where = files.isEmpty() ? "dialogs" : files.get(0).name();
                throw new ContentException(where, 0, "missing response '" + required + "', which the dialogue engine says");
            }
        }
        checkActions(catalog);
        checkResponses(catalog, slots);
        return new Dialogue(flows, slots, catalog, actions, expiry, interruptions);
    }

    private static <T> void putUnique(Map<String, T> into, String name, T value, YamlNode parent, String kind) {
        if (into.putIfAbsent(name, value) != null) {
            throw new ContentException(parent.keyLocation(name), kind + " '" + name + "' is defined twice");
        }
    }

    private SlotDefinition readSlot(String name, YamlNode node) {
        if (!name.matches(NAME)) {
            throw node.error("slot names are snake_case: '" + name + "'");
        }
        if (node.isNull() || (node.isMapping() && node.asMap().isEmpty())) {
            return new SlotDefinition(name, List.of(), null, false, false, Map.of(), "", false, node.location());
        }
        node.requireOnlyKeys(SLOT_KEYS);
        String entity = node.find("from_entity").map(YamlNode::asText).orElse(null);
        if (entity != null && !entityTypes.contains(entity)) {
            throw node.get("from_entity").error("unknown entity '" + entity + "' (the NLU extracts " + sorted(entityTypes) + ")");
        }
        List<String> values = node.find("values").map(YamlNode::asTextList).orElse(List.of());
        boolean fromText = node.find("from_text").map(YamlNode::asBoolean).orElse(false);
        boolean fromButton = node.find("from_button").map(YamlNode::asBoolean).orElse(false);
        Map<String, String> fromIntent = new LinkedHashMap<>();
        node.find("from_intent").ifPresent(map -> map.asMap().forEach((intent, value) -> {
            if (!intents.contains(intent)) {
                throw map.error("unknown intent '" + intent + "' in from_intent");
            }
            fromIntent.put(intent, value.asText());
        }));
        String validator = node.find("validator").map(YamlNode::asText).orElse("");
        if (!validator.isEmpty() && !SlotValidators.names().contains(validator)) {
            throw node.get("validator").error("unknown validator '" + validator + "' (expected one of "
                    + sorted(SlotValidators.names()) + ")");
        }
        boolean onlyWhenAsked = node.find("only_when_asked").map(YamlNode::asBoolean).orElse(false);
        return new SlotDefinition(name, values, entity, fromText, fromButton, fromIntent, validator, onlyWhenAsked,
                node.location());
    }

    private Response readResponse(String name, YamlNode node, Set<String> buttonSlots) {
        if (!name.startsWith("utter_") || !name.matches(NAME)) {
            throw node.error("response names start with utter_ and are snake_case: '" + name + "'");
        }
        List<ResponseVariant> variants = new ArrayList<>();
        for (YamlNode variant : node.asList()) {
            variant.requireOnlyKeys(VARIANT_KEYS);
            String text = variant.get("text").asText();
            List<Button> buttons = new ArrayList<>();
            for (YamlNode button : variant.find("buttons").map(YamlNode::asList).orElse(List.of())) {
                button.requireOnlyKeys(Set.of("title", "payload"));
                YamlNode payload = button.get("payload");
                checkPayload(payload, buttonSlots);
                buttons.add(new Button(button.get("title").asText(), payload.asText()));
            }
            Set<Channel> channels = EnumSet.noneOf(Channel.class);
            for (String channel : variant.find("channel").map(YamlNode::asTextList).orElse(List.of())) {
                try {
                    channels.add(Channel.fromId(channel));
                } catch (IllegalArgumentException e) {
                    throw variant.get("channel").error("unknown channel '" + channel + "' (expected one of rest, web, whatsapp, voice)");
                }
            }
            variants.add(new ResponseVariant(text, buttons, channels));
        }
        if (variants.isEmpty()) {
            throw node.error("response '" + name + "' has no variants");
        }
        return new Response(name, variants, node.location());
    }

    private void checkPayload(YamlNode payload, Set<String> buttonSlots) {
        String text = payload.asText();
        if (!IntentShortcut.isShortcut(text)) {
            return;
        }
        // Placeholders are filled at render time; any value will do to check the shape.
        String sample = Template.fill(text, Template.variables(text).stream().collect(Collectors.toMap(v -> v, v -> "x")));
        try {
            org.signpost.nlu.ParseResult parsed = IntentShortcut.parse(sample).orElseThrow();
            String intent = parsed.intent().name();
            if (!intents.contains(intent)) {
                throw payload.error("button payload names unknown intent '" + intent + "'");
            }
            for (org.signpost.nlu.ExtractedEntity entity : parsed.entities()) {
                if (!entityTypes.contains(entity.entity()) && !buttonSlots.contains(entity.entity())) {
                    throw payload.error("button payload sets '" + entity.entity()
                            + "', which is neither an NLU entity nor a slot with from_button");
                }
            }
        } catch (InvalidInputException e) {
            throw payload.error("invalid button payload: " + e.getMessage());
        }
    }

    private Flow readFlow(String id, YamlNode node, Map<String, SlotDefinition> slots, ResponseCatalog responses) {
        if (!id.matches(NAME)) {
            throw node.error("flow ids are snake_case: '" + id + "'");
        }
        node.requireOnlyKeys(FLOW_KEYS);
        String title = node.get("title").asText();
        List<String> triggers = node.find("intents").map(YamlNode::asTextList).orElse(List.of());
        for (String intent : triggers) {
            if (!intents.contains(intent)) {
                throw node.get("intents").error("unknown intent '" + intent + "' (not in the NLU training data)");
            }
        }
        List<FlowStep> steps = new ArrayList<>();
        Set<String> stepIds = new HashSet<>();
        for (YamlNode step : node.get("steps").asList()) {
            FlowStep read = readStep(step, slots, responses);
            if (!read.id().isEmpty() && !stepIds.add(read.id())) {
                throw step.error("step id '" + read.id() + "' is used twice in flow '" + id + "'");
            }
            steps.add(read);
        }
        if (steps.isEmpty()) {
            throw node.get("steps").error("flow '" + id + "' has no steps");
        }
        for (FlowStep step : steps) {
            if (!step.next().isEmpty() && !stepIds.contains(step.next())) {
                throw new ContentException(step.location(), "next: '" + step.next() + "' is no step id of flow '" + id + "'");
            }
        }
        return new Flow(id, title, triggers, steps, node.location());
    }

    private FlowStep readStep(YamlNode step, Map<String, SlotDefinition> slots, ResponseCatalog responses) {
        Map<String, YamlNode> fields = step.asMap();
        String stepId = step.find("id").map(YamlNode::asText).orElse("");
        String next = step.find("next").map(YamlNode::asText).orElse("");
        Condition condition = step.find("if").map(node -> {
            try {
                Condition parsed = Condition.parse(node.asText());
                SlotDefinition slot = slots.get(parsed.slot());
                if (slot == null) {
                    throw node.error("unknown slot '" + parsed.slot() + "' in condition");
                }
                if (!slot.values().isEmpty() && !parsed.value().isEmpty() && slot.accept(parsed.value()).isEmpty()) {
                    throw node.error("'" + parsed.value() + "' is not a value of slot '" + parsed.slot() + "'");
                }
                return parsed;
            } catch (IllegalArgumentException e) {
                throw node.error(e.getMessage());
            }
        }).orElse(Condition.ALWAYS);
        if (fields.containsKey("collect")) {
            step.requireOnlyKeys(COLLECT_KEYS);
            String slot = step.get("collect").asText();
            if (!slots.containsKey(slot)) {
                throw step.get("collect").error("unknown slot '" + slot + "'");
            }
            String ask = step.find("ask").map(YamlNode::asText).orElse("utter_ask_" + slot);
            requireResponse(responses, ask, step.find("ask").orElse(step));
            String defaultReprompt = responses.contains("utter_ask_" + slot + "_again") ? "utter_ask_" + slot + "_again" : ask;
            String reprompt = step.find("reprompt").map(YamlNode::asText).orElse(defaultReprompt);
            requireResponse(responses, reprompt, step.find("reprompt").orElse(step));
            boolean reset = step.find("reset_after_flow_ends").map(YamlNode::asBoolean).orElse(true);
            return new CollectStep(stepId, condition, slot, ask, reprompt, reset, step.location());
        }
        if (fields.containsKey("action")) {
            step.requireOnlyKeys(ACTION_KEYS);
            YamlNode actionNode = step.get("action");
            String action = actionNode.asText();
            Map<String, String> arguments = new LinkedHashMap<>();
            step.find("with").ifPresent(with -> with.asMap().forEach((key, value) -> arguments.put(key, value.asText())));
            if (action.startsWith("utter_")) {
                requireResponse(responses, action, actionNode);
                if (!arguments.isEmpty()) {
                    throw step.get("with").error("a response takes no arguments");
                }
            } else if (action.equals(Dialogue.CANCEL_FLOW)) {
                if (!arguments.isEmpty()) {
                    throw step.get("with").error(Dialogue.CANCEL_FLOW + " takes no arguments");
                }
            } else {
                Action known = actions.get(action);
                if (known == null) {
                    throw actionNode.error("unknown action '" + action + "' (known: " + sorted(actions.keySet())
                            + " and " + Dialogue.CANCEL_FLOW + ")");
                }
                for (String argument : arguments.keySet()) {
                    if (!known.arguments().contains(argument)) {
                        throw step.get("with").error("action '" + action + "' has no argument '" + argument
                                + "' (it takes " + sorted(known.arguments()) + ")");
                    }
                }
                try {
                    known.checkArguments(arguments);
                } catch (IllegalArgumentException e) {
                    throw step.get("with").error(e.getMessage());
                }
            }
            return new ActionStep(stepId, condition, action, arguments, next, step.location());
        }
        if (fields.containsKey("set_slots") || fields.containsKey("reset_slots")) {
            step.requireOnlyKeys(SET_KEYS);
            Map<String, String> values = new LinkedHashMap<>();
            List<String> resets = step.find("reset_slots").map(YamlNode::asTextList).orElse(List.of());
            for (String slot : resets) {
                if (!slots.containsKey(slot)) {
                    throw step.get("reset_slots").error("unknown slot '" + slot + "'");
                }
            }
            step.find("set_slots").map(YamlNode::asMap).orElse(Map.of()).forEach((slot, value) -> {
                SlotDefinition definition = slots.get(slot);
                if (definition == null) {
                    throw step.get("set_slots").error("unknown slot '" + slot + "'");
                }
                String accepted = definition.accept(value.asText())
                        .orElseThrow(() -> value.error("'" + value.asText() + "' is not a value of slot '" + slot + "'"));
                values.put(slot, accepted);
            });
            return new SetSlotsStep(stepId, condition, values, resets, next, step.location());
        }
        throw step.error("a step needs one of collect, action, set_slots or reset_slots");
    }

    private static void requireResponse(ResponseCatalog responses, String name, YamlNode where) {
        if (!responses.contains(name)) {
            throw where.error("unknown response '" + name + "'");
        }
    }

    private void checkActions(ResponseCatalog responses) {
        for (Action action : actions.values()) {
            for (String response : action.responses()) {
                if (!responses.contains(response)) {
                    throw new ContentException("dialogs", 0,
                            "action '" + action.name() + "' says response '" + response + "', which no content file defines");
                }
            }
        }
    }

    private void checkResponses(ResponseCatalog responses, Map<String, SlotDefinition> slots) {
        Set<String> known = new HashSet<>(slots.keySet());
        known.addAll(Dialogue.ENGINE_VARIABLES);
        actions.values().forEach(action -> known.addAll(action.variables()));
        for (Response response : responses.all()) {
            for (ResponseVariant variant : response.variants()) {
                List<String> texts = new ArrayList<>();
                texts.add(variant.text());
                variant.buttons().forEach(button -> {
                    texts.add(button.title());
                    texts.add(button.payload());
                });
                for (String text : texts) {
                    for (String variable : Template.variables(text)) {
                        if (!known.contains(variable)) {
                            throw new ContentException(response.location(), "response '" + response.name()
                                    + "' uses {" + variable + "}, which is neither a slot nor a value an action provides");
                        }
                    }
                }
            }
        }
    }

    private static String sorted(Set<String> names) {
        return new TreeSet<>(names).toString();
    }
}
