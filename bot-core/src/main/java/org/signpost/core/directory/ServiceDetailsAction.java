package org.signpost.core.directory;

import io.vertx.core.Future;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.signpost.core.flow.Action;
import org.signpost.core.flow.ActionContext;
import org.signpost.core.flow.ActionResult;
import org.signpost.core.flow.Utterance;

/**
 * Answers about the service in the slot {@code service}: what it does, how to contact it, whether
 * it is open and who can refer ({@code action_service_info}), or whether it is accepting referrals
 * and how long the wait is, with when that was last reported ({@code action_check_availability}).
 */
public final class ServiceDetailsAction implements Action {

    /** Which question the action answers. */
    public enum Question { INFO, AVAILABILITY }

    static final String INFO = "utter_service_info";
    static final String AVAILABILITY = "utter_service_availability";
    static final String UNKNOWN = "utter_service_unknown";
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.UK);

    private final ServiceDirectory directory;
    private final Question question;

    public ServiceDetailsAction(ServiceDirectory directory, Question question) {
        this.directory = Objects.requireNonNull(directory, "directory");
        this.question = Objects.requireNonNull(question, "question");
    }

    @Override
    public String name() {
        return question == Question.INFO ? "action_service_info" : "action_check_availability";
    }

    @Override
    public Set<String> responses() {
        return Set.of(question == Question.INFO ? INFO : AVAILABILITY, UNKNOWN);
    }

    @Override
    public Set<String> variables() {
        return Set.of("service_name", "service_description", "service_contact", "service_hours", "service_referrals",
                "service_note", "service_availability");
    }

    @Override
    public Future<ActionResult> run(ActionContext context) {
        String wanted = context.state().slot("service").orElse("");
        return directory.all().map(services -> DirectorySearch.byName(services, wanted)
                .map(service -> ActionResult.say(question == Question.INFO
                        ? new Utterance(INFO, info(service, context.now().atZone(OpeningHours.UK)))
                        : new Utterance(AVAILABILITY, Map.of("service_name", service.name(),
                                "service_availability", availability(service)))))
                .orElseGet(() -> ActionResult.say(Utterance.of(UNKNOWN))));
    }

    private static Map<String, String> info(Service service, ZonedDateTime now) {
        return Map.of(
                "service_name", service.name(),
                "service_description", service.description(),
                "service_contact", service.contact(),
                "service_hours", service.openingHours().known()
                        ? "It is " + service.openingHours().describe(now) + "." : "I don't know its opening hours.",
                "service_referrals", "Who can refer: " + service.whoCanRefer() + ". Who it is for: " + service.ageRange()
                        + (service.eligibility().isEmpty() ? "" : ", " + service.eligibility()) + ".",
                "service_note", service.verified() ? "" : "Please check these details with the service before you go.");
    }

    static String availability(Service service) {
        Availability availability = service.availability();
        if (!availability.reported()) {
            return "I don't have current information about referrals or waiting times for " + service.name()
                    + ". A care navigator can find out for you.";
        }
        StringBuilder said = new StringBuilder(service.name())
                .append(availability.acceptingReferrals() ? " is accepting referrals" : " is not accepting referrals at the moment");
        availability.typicalWait().ifPresent(weeks -> said.append(weeks == 0 ? ", with no wait"
                : weeks == 1 ? ". The typical wait is about 1 week" : ". The typical wait is about " + weeks + " weeks"));
        said.append('.');
        if (!availability.note().isBlank()) {
            said.append(' ').append(availability.note().strip());
            if (!availability.note().strip().endsWith(".")) {
                said.append('.');
            }
        }
        said.append(" This was last updated on ").append(DAY.format(availability.updatedAt().atZone(OpeningHours.UK)))
                .append('.');
        return said.toString();
    }
}
