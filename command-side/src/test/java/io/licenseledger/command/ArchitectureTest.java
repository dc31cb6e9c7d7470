package io.licenseledger.command;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The command side's architecture rules, checked on its main classes and everything on its class path. */
@AnalyzeClasses(packages = "io.licenseledger", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule noQuerySideClassIsOnTheClasspath = noClasses()
            .should().resideInAPackage("io.licenseledger.query..")
            .because("the sides meet only in shared-events, so the command side does not depend on the query side");

    @ArchTest
    static final ArchRule commandSideNeverImportsTheQuerySide = noClasses()
            .that().resideInAPackage("io.licenseledger.command..")
            .should().dependOnClassesThat().resideInAPackage("io.licenseledger.query..")
            .because("the sides meet only in shared-events");
}
