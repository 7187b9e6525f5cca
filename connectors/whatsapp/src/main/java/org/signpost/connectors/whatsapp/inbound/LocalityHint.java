package org.signpost.connectors.whatsapp.inbound;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The locality a shared map pin is nearest to, when it is within the borough's reach. The points
 * are the approximate centres of each locality's main town (Sedgley and Coseley for North
 * Dudley), rounded to about 100 m: good enough to suggest a locality, which the person can still
 * change, and no substitute for an address, which is preferred when WhatsApp sends one.
 */
final class LocalityHint {

    /** Further than this from every centre, the pin is taken to be outside the borough. */
    static final double REACH_KM = 5.0;

    private record Centre(String locality, double latitude, double longitude) {
    }

    private static final List<Centre> CENTRES = List.of(
            new Centre("Dudley and Netherton", 52.509, -2.085),
            new Centre("Brierley Hill", 52.481, -2.121),
            new Centre("Halesowen", 52.450, -2.051),
            new Centre("Stourbridge", 52.456, -2.147),
            new Centre("North Dudley", 52.543, -2.105));

    private LocalityHint() {
    }

    static Optional<String> nearest(double latitude, double longitude) {
        return CENTRES.stream()
                .min(Comparator.comparingDouble(centre -> kilometres(latitude, longitude, centre)))
                .filter(centre -> kilometres(latitude, longitude, centre) <= REACH_KM)
                .map(Centre::locality);
    }

    /** Great-circle distance (haversine); flat-earth would do at this scale, but this is as short. */
    private static double kilometres(double latitude, double longitude, Centre centre) {
        double dLat = Math.toRadians(centre.latitude() - latitude);
        double dLon = Math.toRadians(centre.longitude() - longitude);
        double a = Math.pow(Math.sin(dLat / 2), 2)
                + Math.cos(Math.toRadians(latitude)) * Math.cos(Math.toRadians(centre.latitude())) * Math.pow(Math.sin(dLon / 2), 2);
        return 6371.0 * 2 * Math.atan2(Math.sqrt(a), Math.sqrt(1 - a));
    }
}
