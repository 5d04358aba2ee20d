package dev.music.app.structure;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The shape of the code, checked on every build: the modules depend one way (events ← event store
 * ← command side, query side ← app), neither side sees the other, and no package is part of a
 * cycle, so that each path reads top-down.
 */
class StructureTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.music", "db");

    @Test
    void noPackageIsPartOfACycle() {
        slices().matching("dev.music.(**)").should().beFreeOfCycles().check(CLASSES);
    }

    @Test
    void theCommandSideDoesNotSeeTheQuerySideNorTheApplication() {
        noClasses()
                .that()
                .resideInAPackage("dev.music.command..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("dev.music.query..", "db.query..", "dev.music.app..")
                .check(CLASSES);
    }

    @Test
    void theQuerySideDoesNotSeeTheCommandSideNorTheApplication() {
        noClasses()
                .that()
                .resideInAnyPackage("dev.music.query..", "db.query..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("dev.music.command..", "dev.music.app..")
                .check(CLASSES);
    }

    @Test
    void theEventStoreServesBothSidesAndKnowsNeither() {
        noClasses()
                .that()
                .resideInAPackage("dev.music.eventstore..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("dev.music.command..", "dev.music.query..", "dev.music.app..")
                .check(CLASSES);
    }

    @Test
    void theEventsDependOnNothingOfTheService() {
        noClasses()
                .that()
                .resideInAPackage("dev.music.events..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "dev.music.eventstore..", "dev.music.command..", "dev.music.query..", "dev.music.app..")
                .check(CLASSES);
    }
}
