package org.signpost.core.directory;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.signpost.nlu.data.LookupTable;
import org.signpost.nlu.data.Synonym;
import org.signpost.nlu.data.TrainingData;

/**
 * The directory's service names as NLU data, so that people can name a service the way they say
 * it: the full name, the name without its bracketed note ("Community respiratory service"), and
 * that without a trailing "service" ("Community respiratory"), all meaning the full name.
 */
public final class ServiceNames {

    private ServiceNames() {
    }

    public static TrainingData trainingData(List<Service> services) {
        List<String> phrases = new ArrayList<>();
        List<Synonym> synonyms = new ArrayList<>();
        for (Service service : services) {
            Set<String> names = names(service.name());
            phrases.addAll(names);
            synonyms.add(new Synonym(service.name(), List.copyOf(names)));
        }
        return new TrainingData(List.of(), synonyms, List.of(), List.of(new LookupTable("service", phrases)));
    }

    static Set<String> names(String name) {
        Set<String> names = new LinkedHashSet<>();
        names.add(name);
        String plain = name.replaceAll("\\s*\\(.*?\\)\\s*", " ").strip();
        addIfDistinctive(names, plain);
        String withoutService = plain.replaceAll("(?i)\\s+services?$", "").strip();
        addIfDistinctive(names, withoutService);
        return names;
    }

    /** Short names of one or two common words ("Samaritans" is fine, "Falls" is not) would catch ordinary talk. */
    private static void addIfDistinctive(Set<String> names, String candidate) {
        String[] words = candidate.toLowerCase(Locale.ROOT).split("\\s+");
        if (!candidate.isEmpty() && (words.length >= 2 || candidate.length() >= 8)) {
            names.add(candidate);
        }
    }
}
