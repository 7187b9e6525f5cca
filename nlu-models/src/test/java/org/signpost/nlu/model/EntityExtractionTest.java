package org.signpost.nlu.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.signpost.content.ContentFiles;
import org.signpost.nlu.ExtractedEntity;
import org.signpost.nlu.NluModel;
import org.signpost.nlu.NluSettings;
import org.signpost.nlu.ParseResult;
import org.signpost.nlu.data.RasaYamlReader;

/** Every entity type of the contract, extracted and normalised by the shipped pipeline from tricky input. */
class EntityExtractionTest {

    private static NluModel model;

    @BeforeAll
    static void train() {
        Clock monday = Clock.fixed(Instant.parse("2026-11-23T12:00:00Z"), ZoneOffset.UTC);
        model = new NluTrainer(Optional.of(new ModelCache(Path.of("target", "test-models"))), monday).train(
                new RasaYamlReader().read(ContentFiles.fromDirectory(Path.of("data"), "data", ".yml")), NluSettings.DEFAULTS);
    }

    private static ParseResult parse(String text) {
        return model.parse(text);
    }

    @Test
    void normalisesAPostcodeWhateverItsCaseAndSpacing() {
        assertThat(parse("my postcode is dy8 1aB").entity("postcode")).contains("DY8 1AB");
        assertThat(parse("postcode DY81AB please").entity("postcode")).contains("DY8 1AB");
    }

    @Test
    void extractsAValidNhsNumberWithOrWithoutSpaces() {
        assertThat(parse("his nhs number is 943 476 5919").entity("nhs_number")).contains("9434765919");
        assertThat(parse("NHS no 9434765870").entity("nhs_number")).contains("9434765870");
    }

    @Test
    void neverReportsAnNhsNumberWithAWrongCheckDigit() {
        assertThat(parse("her nhs number is 943 476 5918").entity("nhs_number")).isEmpty();
    }

    @Test
    void normalisesUkPhoneNumbersToE164() {
        assertThat(parse("call me on 07700 900123").entity("phone_number")).contains("+447700900123");
        assertThat(parse("my number is +44 1384 456111").entity("phone_number")).contains("+441384456111");
    }

    @Test
    void readsDatesDayFirstAndRelativeOnes() {
        assertThat(parse("date of birth 3rd May 1950").entity("date")).contains("1950-05-03");
        assertThat(parse("born 03/05/1950").entity("date")).contains("1950-05-03");
        assertThat(parse("can I come in tomorrow").entity("date")).contains("2026-11-24");
    }

    @Test
    void mapsTownsAndWardsToTheFiveLocalities() {
        assertThat(parse("we live in Sedgley").entity("locality")).contains("North Dudley");
        assertThat(parse("I'm in lye").entity("locality")).contains("Stourbridge");
        assertThat(parse("somewhere in Halesowen").entity("locality")).contains("Halesowen");
    }

    @Test
    void toleratesATypoInALongPlaceName() {
        ExtractedEntity locality = parse("near Kingswimford please").entities().stream()
                .filter(entity -> entity.entity().equals("locality")).findFirst().orElseThrow();

        assertThat(locality.value()).isEqualTo("Brierley Hill");
        assertThat(locality.confidence()).isLessThan(1.0);
    }

    @Test
    void takesAWordTheExamplesUseForWhatItIsNotForATypo() {
        // "lovely" is one edit from "lonely" (social prescribing), "filling" from "falling" (falls).
        assertThat(parse("morning! lovely day").entities()).isEmpty();
        assertThat(parse("stop filling in the form").entity("service_category")).isEmpty();
        assertThat(parse("i feel so lonley").entity("service_category")).contains("social prescribing");
        // A word the examples use still begins a phrase whose later word is misspelt, and is a
        // one-word phrase's possessive.
        assertThat(parse("is there social prescibing near me").entity("service_category")).contains("social prescribing");
        assertThat(parse("sorting out the neighbour's bins").entity("relationship")).isPresent();
    }

    @Test
    void mapsLayWordsToServiceCategories() {
        assertThat(parse("any physio near me").entity("service_category")).contains("physiotherapy");
        assertThat(parse("help with my drinking").entity("service_category")).contains("alcohol and drugs");
    }

    @Test
    void recognisesServicesByTheirShortNamesAndWithTypos() {
        assertThat(parse("is talking therapies taking referrals").entity("service"))
                .contains("Dudley Talking Therapies (NHS Talking Therapies for anxiety and depression)");
        assertThat(parse("phone number for healthwach").entity("service")).contains("Healthwatch Dudley");
    }

    @Test
    void recognisesWhoSomeoneIs() {
        assertThat(parse("it's for my mum").entity("relationship")).contains("parent");
        assertThat(parse("referral for my patient").entity("relationship")).contains("patient");
    }

    @Test
    void findsWhoSomeoneIsBeforeAPossessive() {
        String text = "rearrange my dad's appointment";
        ExtractedEntity relationship = parse(text).entities().stream()
                .filter(entity -> entity.entity().equals("relationship")).findFirst().orElseThrow();

        assertThat(relationship.value()).isEqualTo("parent");
        assertThat(text.substring(relationship.start(), relationship.end())).isEqualTo("my dad");
        assertThat(parse("order my wife’s tablets").entity("relationship")).contains("partner");
    }

    @Test
    void upperCasesAReferralReference() {
        assertThat(parse("any news on sp-7q2k9x").entity("referral_id")).contains("SP-7Q2K9X");
    }

    @Test
    void reportsEntitiesInRasasShape() {
        ParseResult result = parse("physio in lye");

        assertThat(result.entities()).extracting(ExtractedEntity::entity, ExtractedEntity::value, ExtractedEntity::start,
                ExtractedEntity::end, ExtractedEntity::processors)
                .containsExactly(
                        tuple("service_category", "physiotherapy", 0, 6, List.of("EntitySynonymMapper")),
                        tuple("locality", "Stourbridge", 10, 13, List.of("EntitySynonymMapper")));
    }
}
