package org.signpost.core.directory;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.signpost.content.SourceLocation;

class ServiceDetailsActionTest {

    private static Service service(String name) {
        return new Service("s", name, "p", "d", List.of("falls"), List.of(), "c", ContactDetails.NONE, "self", "adults", "", true,
                OpeningHours.UNKNOWN, Availability.NOT_REPORTED, new SourceLocation("f", 1));
    }

    @Test
    void findsAServiceByItsNameOrAUniquePartOfIt() {
        List<Service> services = List.of(service("Dudley Falls Prevention Service"), service("District nursing"));

        assertThat(DirectorySearch.byName(services, "district nursing")).map(Service::name).contains("District nursing");
        assertThat(DirectorySearch.byName(services, "falls prevention")).map(Service::name)
                .contains("Dudley Falls Prevention Service");
        assertThat(DirectorySearch.byName(services, "s")).isEmpty();
        assertThat(DirectorySearch.byName(services, "")).isEmpty();
    }

    @Test
    void saysWhatWasReportedAndWhen() {
        Service reported = service("Community respiratory").withAvailability(
                new Availability(true, 6, "Urgent referrals seen within a week", Instant.parse("2026-11-03T10:00:00Z"), "admin"));

        assertThat(ServiceDetailsAction.availability(reported)).isEqualTo("Community respiratory is accepting referrals. "
                + "The typical wait is about 6 weeks. Urgent referrals seen within a week. This was last updated on 3 November 2026.");
    }

    @Test
    void saysWhenItDoesNotKnow() {
        assertThat(ServiceDetailsAction.availability(service("Falls"))).startsWith("I don't have current information");
    }
}
