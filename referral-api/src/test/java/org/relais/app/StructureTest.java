package org.relais.app;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * How the application's packages may lean on each other: no cycle; the pages lean on everything and nothing leans on
 * them; the storage and key machinery knows no feature; problem answers and sign-in know no feature either.
 */
@AnalyzeClasses(packages = "org.relais.app", importOptions = {ImportOption.DoNotIncludeTests.class,
        ImportOption.DoNotIncludeJars.class})
class StructureTest {

    private static final String[] FEATURES = {"org.relais.app.referral..", "org.relais.app.partner..",
            "org.relais.app.readmodels..", "org.relais.app.dashboard..", "org.relais.app.audit..",
            "org.relais.app.notifications..", "org.relais.app.deadlines..",
            "org.relais.app.export..", "org.relais.app.contact..", "org.relais.app.ui..", "org.relais.app.demo.."};

    @ArchTest
    static final ArchRule packages_form_no_cycle = slices()
            .matching("org.relais.app.(*)..")
            .should().beFreeOfCycles();

    @ArchTest
    static final ArchRule nothing_leans_on_the_pages = noClasses()
            .that().resideOutsideOfPackage("org.relais.app.ui..")
            .should().dependOnClassesThat().resideInAPackage("org.relais.app.ui..");

    @ArchTest
    static final ArchRule storage_and_keys_know_no_feature = noClasses()
            .that().resideInAnyPackage("org.relais.app.eventstore..", "org.relais.app.readside..",
                    "org.relais.app.keys..", "org.relais.app.config..", "org.relais.app.topology..")
            .should().dependOnClassesThat().resideInAnyPackage(FEATURES);

    @ArchTest
    static final ArchRule problem_answers_and_sign_in_know_no_feature = noClasses()
            .that().resideInAnyPackage("org.relais.app.http.problem..", "org.relais.app.security..",
                    "org.relais.app.access..")
            .should().dependOnClassesThat().resideInAnyPackage(FEATURES);
}
