package io.licenseledger.command;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import org.springframework.web.bind.annotation.RestController;

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

    private static final String[] SLICES = {"io.licenseledger.command.authorization..",
            "io.licenseledger.command.usage..", "io.licenseledger.command.quota..",
            "io.licenseledger.command.lifecycle..", "io.licenseledger.command.alerts..",
            "io.licenseledger.command.credentials..", "io.licenseledger.command.catalog..",
            "io.licenseledger.command.licensing.."};

    @ArchTest
    static final ArchRule slicesNeverImportTheProjectShell = noClasses()
            .that().resideInAnyPackage(SLICES)
            .should().dependOnClassesThat().resideInAPackage("io.licenseledger.command.project..")
            .because("the project package routes commands to the slices' deciders: arrows point from it, not to it");

    @ArchTest
    static final ArchRule theStateKnowsNoSlice = noClasses()
            .that().resideInAPackage("io.licenseledger.command.state..")
            .should().dependOnClassesThat().resideInAnyPackage(SLICES)
            .orShould().dependOnClassesThat().resideInAPackage("io.licenseledger.command.project..")
            .because("a project's state and its fold are what every slice decides on");

    @ArchTest
    static final ArchRule decidersAndTheStateArePure = noClasses()
            .that().haveSimpleNameEndingWith("Decider").or().resideInAPackage("io.licenseledger.command.state..")
            .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "org.axonframework..",
                    "java.sql..", "javax.sql..", "jakarta..", "java.net..", "java.io..")
            .orShould().dependOnClassesThat().haveFullyQualifiedName("java.time.Clock")
            .because("a decision is a function of the state and the command: no framework, no I/O, no clock");

    @ArchTest
    static final ArchRule controllersNeverImportEachOther = noClasses()
            .that().areAnnotatedWith(RestController.class)
            .should().dependOnClassesThat().areAnnotatedWith(RestController.class)
            .because("what two controllers share belongs in a class of its own (credentials, a slice's service)");
}
