package org.signpost.core.directory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.signpost.content.ContentException;
import org.signpost.content.ContentFile;
import org.signpost.content.YamlNode;
import org.signpost.nlu.ExtractedEntity;
import org.signpost.nlu.ParseResult;
import org.signpost.nlu.value.Postcode;

/**
 * Maps a postcode to a locality by its district ({@code DY8} of {@code DY8 1AB}). A district not in
 * the table is outside the borough. Districts cross boundaries, so this is a working model that
 * a deployment configures, not proof of residence.
 */
public final class PostcodeLocalities {

    /** The locality value for places outside the borough. */
    public static final String OUTSIDE = "Outside Dudley";
    static final String EXTRACTOR = "PostcodeLocalities";

    private final Map<String, String> byDistrict;

    public PostcodeLocalities(Map<String, String> byDistrict) {
        this.byDistrict = Map.copyOf(byDistrict);
    }

    /** Reads {@code postcode_districts: {DY8: Stourbridge, ...}}, checking each locality against the closed list. */
    public static PostcodeLocalities read(List<ContentFile> files, Set<String> localities) {
        Map<String, String> table = new TreeMap<>();
        for (ContentFile file : files) {
            YamlNode root = YamlNode.parse(file).requireOnlyKeys(Set.of("postcode_districts"));
            root.get("postcode_districts").asMap().forEach((district, locality) -> {
                if (!district.matches("[A-Z]{1,2}[0-9][0-9A-Z]?")) {
                    throw new ContentException(locality.location(), "'" + district + "' is not a postcode district");
                }
                if (!localities.contains(locality.asText())) {
                    throw locality.error("unknown locality '" + locality.asText() + "'");
                }
                table.put(district, locality.asText());
            });
        }
        return new PostcodeLocalities(table);
    }

    /** The locality of a postcode, or {@link #OUTSIDE}; empty when it is not a valid postcode. */
    public Optional<String> locality(String postcode) {
        return Postcode.normalise(postcode).map(valid -> byDistrict.getOrDefault(Postcode.district(valid), OUTSIDE));
    }

    /** Adds a locality entity for a postcode when the message named no locality itself. */
    public ParseResult enrich(ParseResult parse) {
        boolean hasLocality = parse.entities().stream().anyMatch(e -> e.entity().equals("locality"));
        if (hasLocality) {
            return parse;
        }
        List<ExtractedEntity> entities = new ArrayList<>(parse.entities());
        for (ExtractedEntity entity : parse.entities()) {
            if (entity.entity().equals("postcode")) {
                locality(entity.value()).ifPresent(locality -> entities.add(new ExtractedEntity("locality", locality,
                        entity.start(), entity.end(), EXTRACTOR, entity.confidence(), List.of())));
                break;
            }
        }
        return entities.size() == parse.entities().size() ? parse
                : new ParseResult(parse.text(), parse.intent(), entities, parse.intentRanking());
    }
}
