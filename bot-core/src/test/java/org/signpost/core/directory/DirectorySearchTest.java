package org.signpost.core.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.signpost.content.ContentException;
import org.signpost.content.ContentFile;

class DirectorySearchTest {

    private static final List<Service> SERVICES = ServiceCatalogReader.read(List.of(new ContentFile("services.yml", """
            services:
              - id: falls-borough
                name: Falls service
                provider: Trust
                description: Falls assessments.
                categories: [falls]
                contact: "01384 000000"
                verified: true
              - id: falls-halesowen
                name: Halesowen falls group
                provider: Charity
                description: Strength and balance classes.
                categories: [falls]
                localities: [Halesowen]
                contact: "01384 111111"
                verified: false
              - id: carers
                name: Carers hub
                provider: Council
                description: Support for carers.
                categories: [carers]
                contact: "01384 222222"
                verified: true
            """)));

    @Test
    void ranksALocalServiceAboveABoroughWideOneAndSaysWhy() {
        List<ServiceMatch> matches = DirectorySearch.search(SERVICES, "falls", "Halesowen", 3);

        assertThat(matches).extracting(match -> match.service().id()).containsExactly("falls-halesowen", "falls-borough");
        assertThat(matches.get(0).reasons()).containsExactly("helps with falls", "serves Halesowen");
        assertThat(matches.get(1).reasons()).containsExactly("helps with falls", "covers the whole borough");
    }

    @Test
    void leavesOutServicesForOtherNeedsOrPlaces() {
        assertThat(DirectorySearch.search(SERVICES, "falls", "Stourbridge", 3))
                .extracting(match -> match.service().id()).containsExactly("falls-borough");
        assertThat(DirectorySearch.search(SERVICES, "mental health", "Stourbridge", 3)).isEmpty();
    }

    @Test
    void returnsAtMostTheLimit() {
        assertThat(DirectorySearch.search(SERVICES, "falls", "Halesowen", 1)).hasSize(1);
    }

    @Test
    void rejectsACategoryOutsideTheClosedList() {
        assertThatThrownBy(() -> ServiceCatalogReader.checkVocabulary(SERVICES, List.of("carers"), List.of("Halesowen")))
                .isInstanceOf(ContentException.class)
                .hasMessage("services.yml:2: service 'falls-borough' has unknown category 'falls' (expected one of [carers])");
    }

    @Test
    void rejectsADuplicateId() {
        assertThatThrownBy(() -> ServiceCatalogReader.read(List.of(new ContentFile("s.yml", """
                services:
                  - {id: a, name: A, provider: P, description: D, categories: [falls], contact: C, verified: true}
                  - {id: a, name: B, provider: P, description: D, categories: [falls], contact: C, verified: true}
                """))))
                .isInstanceOf(ContentException.class)
                .hasMessage("s.yml:3: service id 'a' is used twice");
    }
}
