package org.signpost.core.referral;

import io.vertx.core.Future;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;
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
 * {@code action_create_referral}: stores the referral the flow collected, with a new reference,
 * status {@code new}, and tells the person the reference and what happens next. It refuses
 * without consent. The reply is only given once the store has kept the referral: a failure to
 * save fails the turn (the person hears an apology), never a false confirmation.
 */
public final class CreateReferralAction implements Action {

    /** The slots copied into a referral. */
    static final List<String> DETAILS = List.of("referral_for", "person_name", "date_of_birth", "nhs_number", "postcode",
            "phone_number", "referral_reason", "urgency", "referrer_name", "referrer_role", "referrer_organisation");
    static final String CREATED = "utter_referral_created";
    static final String NO_CONSENT = "utter_referral_needs_consent";
    private static final int ATTEMPTS = 5;

    private final ServiceDirectory directory;
    private final ReferralStore referrals;
    private final Supplier<String> references;

    public CreateReferralAction(ServiceDirectory directory, ReferralStore referrals, Supplier<String> references) {
        this.directory = Objects.requireNonNull(directory, "directory");
        this.referrals = Objects.requireNonNull(referrals, "referrals");
        this.references = Objects.requireNonNull(references, "references");
    }

    @Override
    public String name() {
        return "action_create_referral";
    }

    @Override
    public Set<String> responses() {
        return Set.of(CREATED, NO_CONSENT);
    }

    @Override
    public Set<String> variables() {
        return Set.of("referral_reference", "service_name");
    }

    @Override
    public Future<ActionResult> run(ActionContext context) {
        Map<String, String> slots = context.state().slots();
        if (!"yes".equals(slots.get("consent"))) {
            return Future.succeededFuture(ActionResult.say(Utterance.of(NO_CONSENT)));
        }
        return directory.all().compose(services -> {
            Service service = DirectorySearch.byName(services, slots.getOrDefault("service", ""))
                    .orElseThrow(() -> new IllegalStateException("the referral's service is not in the directory"));
            Map<String, String> details = new LinkedHashMap<>();
            DETAILS.forEach(name -> {
                if (slots.containsKey(name)) {
                    details.put(name, slots.get(name));
                }
            });
            String route = ReferralRoutes.routeFor(slots.getOrDefault("referral_for", ""));
            return save(service, route, details, context, 1);
        }).map(referral -> new ActionResult(
                List.of(new SlotSet(context.now(), "referral_reference", referral.reference())),
                List.of(new Utterance(CREATED, Map.of("referral_reference", referral.reference(),
                        "service_name", referral.serviceName())))));
    }

    private Future<Referral> save(Service service, String route, Map<String, String> details, ActionContext context,
            int attempt) {
        Referral referral = new Referral(references.get(), service.id(), service.name(), route, details,
                ReferralStatus.NEW, context.now(), context.state().conversationId(), context.channel());
        return referrals.save(referral).map(saved -> referral).recover(failure -> {
            if (failure instanceof DuplicateReferenceException && attempt < ATTEMPTS) {
                return save(service, route, details, context, attempt + 1);
            }
            return Future.failedFuture(failure);
        });
    }
}
