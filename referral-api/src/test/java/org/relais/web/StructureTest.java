package org.relais.web;

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
@AnalyzeClasses(packages = "org.relais.web", importOptions = {ImportOption.DoNotIncludeTests.class,
        ImportOption.DoNotIncludeJars.class})
class StructureTest {

    private static final String[] FEATURES = {"org.relais.web.referral..", "org.relais.web.partner..",
            "org.relais.web.readmodels..", "org.relais.web.dashboard..", "org.relais.web.audit..",
            "org.relais.web.notification..", "org.relais.web.deadline..",
            "org.relais.web.export..", "org.relais.web.contact..", "org.relais.web.ui..", "org.relais.web.demo.."};

    @ArchTest
    static final ArchRule packages_form_no_cycle = slices()
            .matching("org.relais.web.(*)..")
            .should().beFreeOfCycles();

    @ArchTest
    static final ArchRule nothing_leans_on_the_pages = noClasses()
            .that().resideOutsideOfPackage("org.relais.web.ui..")
            .should().dependOnClassesThat().resideInAPackage("org.relais.web.ui..");

    @ArchTest
    static final ArchRule storage_and_keys_know_no_feature = noClasses()
            .that().resideInAnyPackage("org.relais.web.eventstore..", "org.relais.web.readside..",
                    "org.relais.web.keys..", "org.relais.web.config..", "org.relais.web.topology..")
            .should().dependOnClassesThat().resideInAnyPackage(FEATURES);

    @ArchTest
    static final ArchRule problem_answers_and_sign_in_know_no_feature = noClasses()
            .that().resideInAnyPackage("org.relais.web.problem..", "org.relais.web.security..",
                    "org.relais.web.access..")
            .should().dependOnClassesThat().resideInAnyPackage(FEATURES);
}
