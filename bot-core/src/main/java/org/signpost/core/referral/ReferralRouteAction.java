package org.signpost.core.referral;

import io.vertx.core.Future;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.signpost.core.directory.DirectorySearch;
import org.signpost.core.directory.ReferralRoutes;
import org.signpost.core.directory.Service;
import org.signpost.core.directory.ServiceDirectory;
import org.signpost.core.event.SlotSet;
import org.signpost.core.flow.Action;
import org.signpost.core.flow.ActionContext;
import org.signpost.core.flow.ActionResult;
import org.signpost.core.flow.Utterance;

/**
 * {@code action_check_referral_route}: whether the service in slot {@code service} takes
 * referrals by the route that slot {@code referral_for} implies (a professional for a patient,
 * or the person or their family). Sets {@code referral_route_ok} to yes or no, and says why not.
 */
public final class ReferralRouteAction implements Action {

    static final String NOT_ACCEPTED = "utter_referral_route_not_accepted";
    private final ServiceDirectory directory;

    public ReferralRouteAction(ServiceDirectory directory) {
        this.directory = Objects.requireNonNull(directory, "directory");
    }

    @Override
    public String name() {
        return "action_check_referral_route";
    }

    @Override
    public Set<String> responses() {
        return Set.of(NOT_ACCEPTED);
    }

    @Override
    public Set<String> variables() {
        return Set.of("service_name", "referral_route", "service_contact");
    }

    @Override
    public Future<ActionResult> run(ActionContext context) {
        String route = ReferralRoutes.routeFor(context.state().slot("referral_for").orElse(""));
        return directory.all().map(services -> {
            Optional<Service> named = DirectorySearch.byName(services, context.state().slot("service").orElse(""));
            if (named.filter(service -> ReferralRoutes.accepts(service, route)).isPresent()) {
                return new ActionResult(List.of(new SlotSet(context.now(), "referral_route_ok", "yes")), List.of());
            }
            String name = named.map(Service::name).orElse("that service");
            String contact = named.map(Service::contact).orElse("a care navigator");
            return new ActionResult(List.of(new SlotSet(context.now(), "referral_route_ok", "no")),
                    List.of(new Utterance(NOT_ACCEPTED, Map.of("service_name", name,
                            "referral_route", route.equals(ReferralRoutes.SELF) ? "self-referrals" : "referrals from professionals",
                            "service_contact", contact))));
        });
    }
}
