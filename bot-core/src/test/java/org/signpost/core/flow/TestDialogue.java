package org.signpost.core.flow;

import java.util.List;
import java.util.Set;
import org.signpost.content.ContentFile;

/** A small, complete dialogue for engine tests. */
public final class TestDialogue {

    public static final Set<String> INTENTS = Set.of("greet", "find_service", "inform", "help", "cancel",
            "human_handoff", "carer_support", "affirm", "deny", "emergency", "make_referral");
    public static final Set<String> ENTITIES = Set.of("service_category", "locality", "note", "date");

    public static final String ENGINE = """
            responses:
              utter_clarify:
                - text: Sorry, did you mean one of these?
              utter_offer_handoff:
                - text: Would you like to talk to a person?
                  buttons:
                    - title: Talk to a person
                      payload: /human_handoff
              utter_default:
                - text: I can help you find a service.
              utter_error:
                - text: Sorry, something went wrong.
              utter_resume_flow:
                - text: "Let's carry on with: {flow_title}."
            """;

    public static final String DOMAIN = """
            session:
              expiry_minutes: 30
              free_text_interruptions: [cancel]
            slots:
              service_category:
                from_entity: service_category
                values: [falls, carers, mental health]
              locality:
                from_entity: locality
                values: [Halesowen, Stourbridge]
              note:
                from_text: true
              consent:
                values: ["yes", "no"]
                from_intent:
                  affirm: "yes"
                  deny: "no"
              urgency:
                values: [routine, urgent]
                from_button: true
              date_of_birth:
                from_entity: date
                validator: date_of_birth
            """;

    public static final String FLOWS = """
            flows:
              greet:
                title: Say hello
                intents: [greet]
                steps:
                  - action: utter_greet
              help:
                title: What I can do
                intents: [help]
                steps:
                  - action: utter_help
              find_service:
                title: Find a service
                intents: [find_service]
                steps:
                  - collect: service_category
                  - collect: locality
                    reset_after_flow_ends: false
                  - action: action_record
                  - action: utter_done
              carer_support:
                title: Support for carers
                intents: [carer_support]
                steps:
                  - set_slots:
                      service_category: carers
                  - collect: note
                  - action: utter_noted
              cancel:
                title: Start again
                intents: [cancel]
                steps:
                  - action: action_cancel_flow
                  - action: utter_cancelled
              human_handoff:
                title: Talk to a person
                intents: [human_handoff]
                steps:
                  - action: utter_handoff
              make_referral:
                title: Make a referral
                intents: [make_referral]
                steps:
                  - collect: urgency
                  - collect: consent
                  - if: consent == no
                    action: utter_no_consent
                    next: finish
                  - collect: date_of_birth
                  - id: read_back
                    action: utter_read_back
                  - id: finish
                    action: utter_referral_done
              emergency:
                title: Emergency
                intents: [emergency]
                steps:
                  - action: utter_call_999
            responses:
              utter_greet:
                - text: Hello!
                - text: Hi there!
              utter_help:
                - text: I find services.
              utter_ask_service_category:
                - text: What do you need help with?
              utter_ask_service_category_again:
                - text: Sorry, what kind of help?
              utter_ask_locality:
                - text: Where do you live?
                - text: Where do you live? (phone)
                  channel: voice
              utter_ask_note:
                - text: Tell me more.
              utter_noted:
                - text: "Noted: {note}"
              utter_done:
                - text: "Found {found} for {service_category} in {locality}."
              utter_cancelled:
                - text: Stopped.
              utter_handoff:
                - text: A person will help.
              utter_call_999:
                - text: Call 999 now.
              utter_ask_urgency:
                - text: How urgent is it?
                  buttons:
                    - title: Urgent
                      payload: '/inform{"urgency": "urgent"}'
              utter_ask_consent:
                - text: May we share your details?
              utter_ask_date_of_birth:
                - text: What is the date of birth?
              utter_no_consent:
                - text: Without consent I cannot refer.
              utter_read_back:
                - text: "Born {date_of_birth}, {urgency}."
              utter_referral_done:
                - text: Done.
            """;

    private TestDialogue() {
    }

    public static List<ContentFile> files() {
        return List.of(new ContentFile("engine.yml", ENGINE), new ContentFile("domain.yml", DOMAIN),
                new ContentFile("flows.yml", FLOWS));
    }
}
