package org.signpost.core.directory;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.signpost.content.ContentException;
import org.signpost.content.ContentFile;
import org.signpost.content.YamlNode;

/**
 * Reads the service directory from YAML (a {@code services:} list) and checks that its
 * categories and localities come from the dialogue's closed lists, so that a typo cannot hide a
 * service from every search.
 */
public final class ServiceCatalogReader {

    private static final Set<String> KEYS = Set.of("id", "name", "provider", "description", "categories", "localities",
            "contact", "phone", "email", "web", "address", "who_can_refer", "age_range", "eligibility", "verified",
            "source_url", "notes", "opening_hours", "availability");
    private static final Set<String> AVAILABILITY_KEYS = Set.of("accepting_referrals", "wait_weeks", "note", "updated_at",
            "updated_by");

    private ServiceCatalogReader() {
    }

    public static List<Service> read(List<ContentFile> files) {
        List<Service> services = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (ContentFile file : files) {
            YamlNode root = YamlNode.parse(file).requireOnlyKeys(Set.of("services"));
            for (YamlNode node : root.get("services").asList()) {
                node.requireOnlyKeys(KEYS);
                String id = node.get("id").asText();
                if (!id.matches("[a-z0-9][a-z0-9-]*")) {
                    throw node.get("id").error("service ids are lower-case words joined by '-': '" + id + "'");
                }
                if (!ids.add(id)) {
                    throw node.get("id").error("service id '" + id + "' is used twice");
                }
                services.add(new Service(id, node.get("name").asText(), node.get("provider").asText(),
                        node.get("description").asText(), node.get("categories").asTextList(),
                        node.find("localities").map(YamlNode::asTextList).orElse(List.of()), node.get("contact").asText(),
                        new ContactDetails(optional(node, "phone"), optional(node, "email"), optional(node, "web"),
                                optional(node, "address")),
                        node.find("who_can_refer").map(YamlNode::asText).orElse("not known"),
                        node.find("age_range").map(YamlNode::asText).orElse("not known"),
                        optional(node, "eligibility"),
                        node.get("verified").asBoolean(), hours(node), availability(node), node.location()));
            }
        }
        return List.copyOf(services);
    }

    private static String optional(YamlNode service, String key) {
        return service.find(key).map(YamlNode::asText).orElse("");
    }

    private static OpeningHours hours(YamlNode service) {
        return service.find("opening_hours").map(node -> {
            try {
                return OpeningHours.parse(node.asTextList());
            } catch (IllegalArgumentException e) {
                throw node.error(e.getMessage());
            }
        }).orElse(OpeningHours.UNKNOWN);
    }

    private static Availability availability(YamlNode service) {
        return service.find("availability").map(node -> {
            node.requireOnlyKeys(AVAILABILITY_KEYS);
            try {
                return new Availability(node.get("accepting_referrals").asBoolean(),
                        node.find("wait_weeks").map(YamlNode::asInt).orElse(-1),
                        node.find("note").map(YamlNode::asText).orElse(""),
                        Instant.parse(node.get("updated_at").asText()),
                        node.get("updated_by").asText());
            } catch (DateTimeParseException e) {
                throw node.get("updated_at").error("updated_at must be a UTC time like 2026-11-01T09:00:00Z");
            } catch (IllegalArgumentException e) {
                throw node.error(e.getMessage());
            }
        }).orElse(Availability.NOT_REPORTED);
    }

    /**
     * @throws ContentException naming the first service with a category or locality outside the lists
     */
    public static void checkVocabulary(List<Service> services, Collection<String> categories, Collection<String> localities) {
        for (Service service : services) {
            for (String category : service.categories()) {
                if (!categories.contains(category)) {
                    throw new ContentException(service.location(), "service '" + service.id() + "' has unknown category '"
                            + category + "' (expected one of " + new TreeSet<>(categories) + ")");
                }
            }
            for (String locality : service.localities()) {
                if (!localities.contains(locality)) {
                    throw new ContentException(service.location(), "service '" + service.id() + "' has unknown locality '"
                            + locality + "' (expected one of " + new TreeSet<>(localities) + ")");
                }
            }
        }
    }
}
