package org.signpost.server;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The module and package directions of DESIGN.md, kept by a test. */
class ArchitectureTest {

    private static final JavaClasses SIGNPOST = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.signpost");

    private static final String[] ABOVE_NLU = {"org.signpost.core..", "org.signpost.dialogs..", "org.signpost.storage..",
        "org.signpost.connectors..", "org.signpost.server.."};

    @Test
    void theNluDependsOnNothingElseOfOurs() {
        noClasses().that().resideInAnyPackage("org.signpost.nlu..", "org.signpost.content..", "org.signpost.error..")
                .should().dependOnClassesThat().resideInAnyPackage(ABOVE_NLU)
                .check(SIGNPOST);
    }

    @Test
    void theBotCoreKnowsNoWebStorageOrChannel() {
        noClasses().that().resideInAPackage("org.signpost.core..")
                .should().dependOnClassesThat().resideInAnyPackage("io.vertx.ext.web..", "io.vertx.core.http..",
                        "io.lettuce..", "com.mongodb..", "org.signpost.connectors..", "org.signpost.storage..",
                        "org.signpost.dialogs..", "org.signpost.server..")
                .check(SIGNPOST);
    }

    @Test
    void connectorsKnowNeitherStorageNorTheServerNorEachOther() {
        noClasses().that().resideInAPackage("org.signpost.connectors..")
                .should().dependOnClassesThat().resideInAnyPackage("org.signpost.storage..", "org.signpost.server..",
                        "org.signpost.dialogs..")
                .check(SIGNPOST);
        slices().matching("org.signpost.connectors.(*)..").should().notDependOnEachOther().check(SIGNPOST);
    }

    @Test
    void storageKnowsNoChannelNorTheServer() {
        noClasses().that().resideInAPackage("org.signpost.storage..")
                .should().dependOnClassesThat().resideInAnyPackage("org.signpost.connectors..", "org.signpost.server..")
                .allowEmptyShould(true)
                .check(SIGNPOST);
    }

    @Test
    void contentKnowsNoChannelStorageOrServer() {
        noClasses().that().resideInAPackage("org.signpost.dialogs..")
                .should().dependOnClassesThat().resideInAnyPackage("org.signpost.connectors..", "org.signpost.storage..",
                        "org.signpost.server..")
                .check(SIGNPOST);
    }

    @Test
    void featurePackagesHaveNoCycles() {
        slices().matching("org.signpost.core.(*)..").should().beFreeOfCycles().check(SIGNPOST);
        slices().matching("org.signpost.nlu.(*)..").should().beFreeOfCycles().check(SIGNPOST);
        slices().matching("org.signpost.server.(*)..").should().beFreeOfCycles().check(SIGNPOST);
        slices().matching("org.signpost.(*)..").should().beFreeOfCycles().check(SIGNPOST);
    }
}
