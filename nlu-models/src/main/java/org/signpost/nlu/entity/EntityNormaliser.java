package org.signpost.nlu.entity;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.signpost.nlu.ExtractedEntity;
import org.signpost.nlu.value.NhsNumber;
import org.signpost.nlu.value.PhoneNumber;
import org.signpost.nlu.value.Postcode;

/**
 * Checks and normalises entities whose values have a fixed form: a postcode must be a real UK
 * postcode ({@code DY8 1AB}), an NHS number must pass its Modulus 11 check, a phone number must be
 * a UK number (kept in E.164), a referral reference is upper case. A value that fails its check
 * is dropped, so an invalid NHS number is never reported as one.
 */
public final class EntityNormaliser {

    private static final Pattern REFERRAL_ID = Pattern.compile("SP-[A-Z0-9]{6}");

    public static final String NAME = "EntityNormaliser";

    private static final Map<String, Function<String, Optional<String>>> RULES = Map.of(
            "postcode", Postcode::normalise,
            "nhs_number", NhsNumber::normalise,
            "phone_number", PhoneNumber::normalise,
            "referral_id", EntityNormaliser::referral);

    public List<ExtractedEntity> apply(List<ExtractedEntity> entities) {
        List<ExtractedEntity> kept = new ArrayList<>(entities.size());
        for (ExtractedEntity entity : entities) {
            Function<String, Optional<String>> rule = RULES.get(entity.entity());
            if (rule == null) {
                kept.add(entity);
                continue;
            }
            rule.apply(entity.value()).ifPresent(value ->
                    kept.add(value.equals(entity.value()) ? entity : entity.withValue(value, NAME)));
        }
        return kept;
    }

    private static Optional<String> referral(String written) {
        String upper = written.strip().toUpperCase(Locale.ROOT);
        return REFERRAL_ID.matcher(upper).matches() ? Optional.of(upper) : Optional.empty();
    }
}
