package org.signpost.core.directory;

import io.vertx.core.Future;
import java.util.List;
import java.util.Objects;
import org.signpost.core.event.SlotSet;
import org.signpost.core.flow.Action;
import org.signpost.core.flow.ActionContext;
import org.signpost.core.flow.ActionResult;

/**
 * {@code action_check_age_needed}: whether the services for the need and place differ by age, so
 * that the flow asks for the age only when the answer would change. Sets {@code age_needed}.
 */
public final class AgeQuestionAction implements Action {

    private final ServiceDirectory directory;

    public AgeQuestionAction(ServiceDirectory directory) {
        this.directory = Objects.requireNonNull(directory, "directory");
    }

    @Override
    public String name() {
        return "action_check_age_needed";
    }

    @Override
    public Future<ActionResult> run(ActionContext context) {
        String category = context.state().slot("service_category").orElse("");
        String locality = context.state().slot("locality").orElse("");
        return directory.all().map(services -> {
            boolean limited = services.stream()
                    .filter(service -> service.meets(category) && service.serves(locality))
                    .anyMatch(service -> service.ages().limited());
            return new ActionResult(List.of(new SlotSet(context.now(), "age_needed", limited ? "yes" : "no")), List.of());
        });
    }
}
