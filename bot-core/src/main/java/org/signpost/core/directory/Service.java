package org.signpost.core.directory;

import java.util.List;
import java.util.Objects;
import org.signpost.content.SourceLocation;

/**
 * A service people can be signposted to.
 *
 * @param categories the closed-list needs it meets ("falls", "mental health")
 * @param localities the localities it serves; empty means the whole borough
 * @param verified false while its details come from an unconfirmed source: people are asked to
 *     check them
 * @param channels how to reach it, where the directory knows (phone, email, web, address)
 * @param eligibility who may use it beyond age ("registered with a Dudley GP"), or empty
 * @param openingHours when it is open ({@link OpeningHours#UNKNOWN} when not known)
 * @param availability its capacity as last reported ({@link Availability#NOT_REPORTED} when never)
 */
public record Service(
        String id,
        String name,
        String provider,
        String description,
        List<String> categories,
        List<String> localities,
        String contact,
        ContactDetails channels,
        String whoCanRefer,
        String ageRange,
        String eligibility,
        boolean verified,
        OpeningHours openingHours,
        Availability availability,
        SourceLocation location) {

    public Service {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(description, "description");
        categories = List.copyOf(categories);
        localities = List.copyOf(localities);
        Objects.requireNonNull(contact, "contact");
        Objects.requireNonNull(channels, "channels");
        Objects.requireNonNull(eligibility, "eligibility");
        Objects.requireNonNull(whoCanRefer, "whoCanRefer");
        Objects.requireNonNull(ageRange, "ageRange");
        Objects.requireNonNull(openingHours, "openingHours");
        Objects.requireNonNull(availability, "availability");
        Objects.requireNonNull(location, "location");
    }

    public Service withAvailability(Availability reported) {
        return new Service(id, name, provider, description, categories, localities, contact, channels, whoCanRefer,
                ageRange, eligibility, verified, openingHours, reported, location);
    }

    /** The ages it is for, read from {@link #ageRange()}. */
    public AgeRange ages() {
        return AgeRange.parse(ageRange);
    }

    public boolean boroughWide() {
        return localities.isEmpty();
    }

    public boolean serves(String locality) {
        return boroughWide() || containsIgnoringCase(localities, locality);
    }

    public boolean meets(String category) {
        return containsIgnoringCase(categories, category);
    }

    /** A loop, not a stream: every search asks this of every service, and the streams were 5% of a turn's garbage. */
    private static boolean containsIgnoringCase(List<String> values, String wanted) {
        for (String value : values) {
            if (value.equalsIgnoreCase(wanted)) {
                return true;
            }
        }
        return false;
    }
}
