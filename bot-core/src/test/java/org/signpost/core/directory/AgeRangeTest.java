package org.signpost.core.directory;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.signpost.content.SourceLocation;

class AgeRangeTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "18+ | 18 | 150", "16+ | 16 | 150", "0–17 | 0 | 17", "5–19 | 5 | 19", "adults | 18 | 150",
        "all ages | 0 | 150", "any age (UK residents) | 0 | 150", "18+ and registered with a Black Country GP | 18 | 150",
        "adults (likely 16+ or 18+; unconfirmed) | 16 | 150", "not known | 0 | 150",
    })
    void readsTheDirectorysAgeText(String text, int min, int max) {
        assertThat(AgeRange.parse(text)).isEqualTo(new AgeRange(min, max));
    }

    @Test
    void aKnownAgeRulesOutServicesForOtherAges() {
        Service adults = service("adults", "18+");
        Service children = service("children", "0–17");
        Service everyone = service("everyone", "all ages");

        List<ServiceMatch> forAChild = DirectorySearch.search(List.of(adults, children, everyone),
                new DirectorySearch.Need("falls", "Halesowen", 9, "", ""), 3);

        assertThat(forAChild).extracting(match -> match.service().id()).containsExactlyInAnyOrder("children", "everyone");
        assertThat(forAChild.stream().filter(m -> m.service().id().equals("children")).findFirst().orElseThrow().reasons())
                .contains("is for ages 0 to 17");
    }

    @Test
    void aKnownRouteRanksServicesThatTakeItFirst() {
        Service selfReferral = new Service("self", "Self service", "p", "d", List.of("falls"), List.of(), "c", ContactDetails.NONE,
                "self", "all ages", "", true, OpeningHours.UNKNOWN, Availability.NOT_REPORTED, new SourceLocation("f", 1));
        Service professional = new Service("pro", "A professional service", "p", "d", List.of("falls"), List.of(), "c",
                ContactDetails.NONE, "professional referral", "all ages", "", true, OpeningHours.UNKNOWN, Availability.NOT_REPORTED,
                new SourceLocation("f", 2));

        assertThat(DirectorySearch.search(List.of(professional, selfReferral), new DirectorySearch.Need("falls", "Halesowen", -1,
                ReferralRoutes.SELF, ""), 2).get(0).reasons()).contains("takes self-referrals");
    }

    @Test
    void aServiceThePersonNamedComesFirst() {
        List<ServiceMatch> matches = DirectorySearch.search(List.of(service("a", "all ages"), service("b", "all ages")),
                new DirectorySearch.Need("falls", "Halesowen", -1, "", "b"), 2);

        assertThat(matches.get(0).service().id()).isEqualTo("b");
        assertThat(matches.get(0).reasons()).contains("is the service you mentioned");
    }

    private static Service service(String id, String ages) {
        return new Service(id, id, "p", "d", List.of("falls"), List.of(), "c", ContactDetails.NONE, "self", ages, "", true, OpeningHours.UNKNOWN,
                Availability.NOT_REPORTED, new SourceLocation("f", 1));
    }
}
