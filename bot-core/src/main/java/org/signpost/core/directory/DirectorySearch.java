package org.signpost.core.directory;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Ranks services for a need in a locality. A service must meet the need; one that names the
 * locality ranks above a borough-wide one, and confirmed details rank above unconfirmed ones.
 * Pure and thread-safe.
 */
public final class DirectorySearch {

    private DirectorySearch() {
    }

    /** The service of that name: exactly (ignoring case), or the only one whose name contains it. */
    public static Optional<Service> byName(List<Service> services, String name) {
        String wanted = name.strip().toLowerCase(Locale.ROOT);
        if (wanted.isEmpty()) {
            return Optional.empty();
        }
        Optional<Service> exact = services.stream().filter(s -> s.name().equalsIgnoreCase(wanted)).findFirst();
        if (exact.isPresent()) {
            return exact;
        }
        List<Service> containing = services.stream()
                .filter(s -> s.name().toLowerCase(Locale.ROOT).contains(wanted)).toList();
        return containing.size() == 1 ? Optional.of(containing.get(0)) : Optional.empty();
    }

    public static List<ServiceMatch> search(List<Service> services, String category, String locality, int limit) {
        return search(services, new Need(category, locality, -1, "", ""), limit);
    }

    /**
     * What is needed: a category, a locality, an age (-1 when not known), a referral route
     * ({@link ReferralRoutes#SELF}, {@link ReferralRoutes#PROFESSIONAL} or empty when not known)
     * and the name of a service the person mentioned (empty when none).
     */
    public record Need(String category, String locality, int age, String route, String named) {
    }

    /** Services meeting the need, best first: a known age outside a service's range rules it out. */
    public static List<ServiceMatch> search(List<Service> services, Need need, int limit) {
        String category = need.category();
        String locality = need.locality();
        List<ServiceMatch> matches = new ArrayList<>();
        for (Service service : services) {
            if (!service.meets(category) || !service.serves(locality)) {
                continue;
            }
            if (need.age() >= 0 && !service.ages().includes(need.age())) {
                continue;
            }
            List<String> reasons = new ArrayList<>();
            double score = 10;
            reasons.add("helps with " + category);
            if (service.boroughWide()) {
                reasons.add("covers the whole borough");
                score += 1;
            } else {
                reasons.add("serves " + locality);
                score += 2;
            }
            if (need.age() >= 0 && service.ages().limited()) {
                reasons.add("is " + service.ages().describe());
            }
            if (!need.named().isEmpty() && service.name().equalsIgnoreCase(need.named())) {
                reasons.add("is the service you mentioned");
                score += 5;
            }
            if (!need.route().isEmpty() && ReferralRoutes.accepts(service, need.route())) {
                reasons.add(need.route().equals(ReferralRoutes.SELF) ? "takes self-referrals" : "takes referrals from professionals");
                score += 1;
            }
            if (service.verified()) {
                score += 0.5;
            }
            matches.add(new ServiceMatch(service, reasons, score));
        }
        matches.sort(Comparator.comparingDouble(ServiceMatch::score).reversed()
                .thenComparing(match -> match.service().name()));
        return List.copyOf(matches.subList(0, Math.min(limit, matches.size())));
    }
}
