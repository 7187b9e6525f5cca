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

/**
 * {@code action_search_services}: finds up to three services for the slots
 * {@code service_category} and {@code locality} and says them, or says that none was found.
 */
public final class SearchServicesAction implements Action {

    public static final String NAME = "action_search_services";
    static final String FOUND = "utter_services_found";
    static final String MATCH = "utter_service_match";
    static final String NONE = "utter_no_services_found";
    static final int LIMIT = 3;

    private final ServiceDirectory directory;

    public SearchServicesAction(ServiceDirectory directory) {
        this.directory = Objects.requireNonNull(directory, "directory");
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Set<String> responses() {
        return Set.of(FOUND, MATCH, NONE);
    }

    @Override
    public Set<String> variables() {
        return Set.of("service_name", "service_description", "service_contact", "service_why", "service_note", "match_count");
    }

    @Override
    public Future<ActionResult> run(ActionContext context) {
        String category = context.state().slot("service_category").orElse("");
        String locality = context.state().slot("locality").orElse("");
        return directory.all().map(services -> {
            List<ServiceMatch> matches = DirectorySearch.search(services, category, locality, LIMIT);
            if (matches.isEmpty()) {
                return ActionResult.say(Utterance.of(NONE));
            }
            List<Utterance> said = new ArrayList<>();
            said.add(new Utterance(FOUND, Map.of("match_count", String.valueOf(matches.size()))));
            for (ServiceMatch match : matches) {
                Service service = match.service();
                said.add(new Utterance(MATCH, Map.of(
                        "service_name", service.name(),
                        "service_description", service.description(),
                        "service_contact", service.contact(),
                        "service_why", String.join(" and ", match.reasons()),
                        "service_note", service.verified() ? "" : "Please check these details with the service before you go.")));
            }
            return new ActionResult(List.of(), said);
        });
    }
}
