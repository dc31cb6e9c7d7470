package io.licenseledger.query;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The query side's architecture rules, checked on its main classes and everything on its class path. */
@AnalyzeClasses(packages = "io.licenseledger", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule noCommandSideClassIsOnTheClasspath = noClasses()
            .should().resideInAPackage("io.licenseledger.command..")
            .because("the sides meet only in shared-events, so the query side does not depend on the command side");

    @ArchTest
    static final ArchRule querySideNeverImportsTheCommandSide = noClasses()
            .that().resideInAPackage("io.licenseledger.query..")
            .should().dependOnClassesThat().resideInAPackage("io.licenseledger.command..")
            .because("the sides meet only in shared-events");
}
