package org.signpost.dialogs;

import java.util.List;
import org.signpost.content.ContentFile;
import org.signpost.content.ContentFiles;

/**
 * Finds the dialog content packaged with this module: flows, slots and responses under
 * {@code dialogs/}, the seed service directory under {@code dialogs/directory/}, postcode
 * districts under {@code dialogs/places/} and the safety rules under {@code dialogs/safety/}.
 */
public final class DialogContent {

    static final String FOLDER = "dialogs";
    static final String DIRECTORY_FOLDER = FOLDER + "/directory/";
    static final String SAFETY_FOLDER = FOLDER + "/safety/";
    static final String PLACES_FOLDER = FOLDER + "/places/";

    private DialogContent() {
    }

    /** Flows, slots, responses and session settings. */
    public static List<ContentFile> dialogue() {
        return all().stream().filter(file -> !file.name().contains(DIRECTORY_FOLDER)
                && !file.name().contains(SAFETY_FOLDER) && !file.name().contains(PLACES_FOLDER)).toList();
    }

    /** The seed service directory. */
    public static List<ContentFile> directory() {
        return all().stream().filter(file -> file.name().contains(DIRECTORY_FOLDER)).toList();
    }

    /** Places: postcode districts and their localities. */
    public static List<ContentFile> places() {
        return all().stream().filter(file -> file.name().contains(PLACES_FOLDER)).toList();
    }

    /** The safety screen's rules (clinical content). */
    public static List<ContentFile> safety() {
        return all().stream().filter(file -> file.name().contains(SAFETY_FOLDER)).toList();
    }

    private static List<ContentFile> all() {
        return ContentFiles.fromClasspath(FOLDER, DialogContent.class.getClassLoader(), ".yml", ".yaml");
    }
}
