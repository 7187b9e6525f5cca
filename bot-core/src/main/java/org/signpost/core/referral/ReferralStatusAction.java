package org.signpost.core.referral;

import io.vertx.core.Future;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.signpost.core.flow.Action;
import org.signpost.core.flow.ActionContext;
import org.signpost.core.flow.ActionResult;
import org.signpost.core.flow.Utterance;

/**
 * {@code action_check_referral}: tells the status of the referral in slot {@code referral_id}
 * when slot {@code date_of_birth} matches it. A wrong reference and a wrong date of birth get the
 * same answer, so the reply never confirms that a reference exists.
 */
public final class ReferralStatusAction implements Action {

    static final String STATUS = "utter_referral_status";
    static final String NOT_FOUND = "utter_referral_not_found";
    private final ReferralStore referrals;

    public ReferralStatusAction(ReferralStore referrals) {
        this.referrals = Objects.requireNonNull(referrals, "referrals");
    }

    @Override
    public String name() {
        return "action_check_referral";
    }

    @Override
    public Set<String> responses() {
        return Set.of(STATUS, NOT_FOUND);
    }

    @Override
    public Set<String> variables() {
        return Set.of("referral_status", "service_name");
    }

    @Override
    public Future<ActionResult> run(ActionContext context) {
        String reference = context.state().slot("referral_id").orElse("").toUpperCase(Locale.ROOT);
        String dateOfBirth = context.state().slot("date_of_birth").orElse("");
        return referrals.find(reference).map(found -> found
                .filter(referral -> !dateOfBirth.isEmpty() && dateOfBirth.equals(referral.detail("date_of_birth")))
                .map(referral -> ActionResult.say(new Utterance(STATUS, Map.of("referral_status", referral.status().plain(),
                        "service_name", referral.serviceName()))))
                .orElseGet(() -> ActionResult.say(Utterance.of(NOT_FOUND))));
    }
}
