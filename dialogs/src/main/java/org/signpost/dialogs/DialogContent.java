package org.signpost.dialogs;

import java.util.List;
import org.signpost.content.ContentFile;
import org.signpost.content.ContentFiles;

/**
 * Finds the dialog content packaged with this module: flows, slots and responses under
 * {@code dialogs/}, and the seed service directory under {@code dialogs/directory/}.
 */
public final class DialogContent {

    static final String FOLDER = "dialogs";
    static final String DIRECTORY_FOLDER = FOLDER + "/directory/";

    private DialogContent() {
    }

    /** Flows, slots, responses and session settings. */
    public static List<ContentFile> dialogue() {
        return all().stream().filter(file -> !file.name().contains(DIRECTORY_FOLDER)).toList();
    }

    /** The seed service directory. */
    public static List<ContentFile> directory() {
        return all().stream().filter(file -> file.name().contains(DIRECTORY_FOLDER)).toList();
    }

    private static List<ContentFile> all() {
        return ContentFiles.fromClasspath(FOLDER, DialogContent.class.getClassLoader(), ".yml", ".yaml");
    }
}
