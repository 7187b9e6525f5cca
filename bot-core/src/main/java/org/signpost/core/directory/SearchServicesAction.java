package org.signpost.core.directory;

import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.signpost.core.flow.Action;
import org.signpost.core.flow.ActionContext;
import org.signpost.core.flow.ActionResult;
import org.signpost.core.flow.Utterance;
import org.signpost.core.gap.CapacityGap;
import org.signpost.core.gap.CapacityGapLog;

/**
 * {@code action_search_services}: finds up to three services for the slots
 * {@code service_category} and {@code locality} and says them. When none fits, or the person is
 * outside the borough, it says what to do instead and records a capacity gap.
 */
public final class SearchServicesAction implements Action {

    public static final String NAME = "action_search_services";
    static final String FOUND = "utter_services_found";
    static final String MATCH = "utter_service_match";
    static final String MATCH_SELF_REFERRAL = "utter_service_match_self_referral";
    static final String NONE = "utter_no_services_found";
    static final String OUT_OF_AREA = "utter_out_of_area";
    static final int LIMIT = 3;

    private final ServiceDirectory directory;
    private final CapacityGapLog gaps;

    public SearchServicesAction(ServiceDirectory directory, CapacityGapLog gaps) {
        this.directory = Objects.requireNonNull(directory, "directory");
        this.gaps = Objects.requireNonNull(gaps, "gaps");
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Set<String> responses() {
        return Set.of(FOUND, MATCH, MATCH_SELF_REFERRAL, NONE, OUT_OF_AREA);
    }

    @Override
    public Set<String> variables() {
        return Set.of("service_name", "service_description", "service_contact", "service_why", "service_hours",
                "service_note", "service_id", "match_count");
    }

    @Override
    public Future<ActionResult> run(ActionContext context) {
        String category = context.state().slot("service_category").orElse("");
        String locality = context.state().slot("locality").orElse("");
        if (locality.equals(PostcodeLocalities.OUTSIDE)) {
            return gaps.record(new CapacityGap(category, locality, CapacityGap.Reason.OUT_OF_AREA, context.now()))
                    .map(recorded -> ActionResult.say(Utterance.of(OUT_OF_AREA)));
        }
        int age = context.state().slot("age").map(Integer::parseInt).orElse(-1);
        String route = context.state().slot("referral_for").map(ReferralRoutes::routeFor).orElse("");
        return directory.all().compose(services -> {
            List<ServiceMatch> matches = DirectorySearch.search(services,
                    new DirectorySearch.Need(category, locality, age, route, context.state().slot("service").orElse("")), LIMIT);
            if (matches.isEmpty()) {
                return gaps.record(new CapacityGap(category, locality, CapacityGap.Reason.NO_SERVICE, context.now()))
                        .map(recorded -> ActionResult.say(Utterance.of(NONE)));
            }
            // Services that say they are full still get named, but the need counts as unmet.
            boolean noneAccepting = matches.stream().map(ServiceMatch::service).map(Service::availability)
                    .allMatch(availability -> availability.reported() && !availability.acceptingReferrals());
            Future<Void> recorded = noneAccepting
                    ? gaps.record(new CapacityGap(category, locality, CapacityGap.Reason.NO_CAPACITY, context.now()))
                    : Future.succeededFuture();
            return recorded.map(done -> said(matches, context));
        });
    }

    private ActionResult said(List<ServiceMatch> matches, ActionContext context) {
        List<Utterance> said = new ArrayList<>();
        said.add(new Utterance(FOUND, Map.of("match_count", String.valueOf(matches.size()))));
        for (ServiceMatch match : matches) {
            Service service = match.service();
            // Where people may refer themselves, the answer offers to do it there and then.
            String response = ReferralRoutes.accepts(service, ReferralRoutes.SELF) ? MATCH_SELF_REFERRAL : MATCH;
            said.add(new Utterance(response, Map.of(
                        "service_name", service.name(),
                        "service_description", service.description(),
                        "service_contact", service.contact(),
                        "service_why", String.join(" and ", match.reasons()),
                        "service_hours", service.openingHours().known()
                                ? "It is " + service.openingHours().describe(context.now().atZone(OpeningHours.UK)) + "." : "",
                        "service_note", service.verified() ? "" : "Please check these details with the service before you go.",
                        "service_id", service.id())));
        }
        return new ActionResult(List.of(), said);
    }
}
