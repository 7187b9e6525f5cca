package org.signpost.core.directory;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Ranks services for a need in a locality. A service must meet the need; one that names the
 * locality ranks above a borough-wide one, and confirmed details rank above unconfirmed ones.
 * Pure and thread-safe.
 */
public final class DirectorySearch {

    private DirectorySearch() {
    }

    public static List<ServiceMatch> search(List<Service> services, String category, String locality, int limit) {
        List<ServiceMatch> matches = new ArrayList<>();
        for (Service service : services) {
            if (!service.meets(category) || !service.serves(locality)) {
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
