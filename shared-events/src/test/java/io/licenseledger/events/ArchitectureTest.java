package io.licenseledger.events;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.ENUMS;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.RECORDS;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

@AnalyzeClasses(packages = "io.licenseledger.events", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule eventsDependOnNoServiceAndNoFramework = noClasses()
            .that().resideInAPackage("io.licenseledger.events..")
            .should().dependOnClassesThat().resideInAnyPackage("io.licenseledger.command..",
                    "io.licenseledger.query..", "io.licenseledger.service..", "io.licenseledger.licenseformat..",
                    "io.licenseledger.vendortool..", "org.springframework..", "jakarta.persistence..")
            .because("shared-events is the one contract between the sides, and both depend on it");

    @ArchTest
    static final ArchRule eventsAndTheirValuesHoldDataOnly = noClasses()
            .that().resideInAPackage("io.licenseledger.events..").and(RECORDS.or(ENUMS))
            .should().dependOnClassesThat().belongToAnyOf(InvalidValueException.class, Identifiers.class)
            .because("a stored event must replay whatever the rules become: values are checked where they enter"
                    + " the system (requests, license files), not by the records that events hold");
}
