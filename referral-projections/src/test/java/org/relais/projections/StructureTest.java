package org.relais.projections;

import static com.tngtech.archunit.base.DescribedPredicate.alwaysTrue;
import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.type;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import org.relais.core.partner.DeadlineCalendar;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The read models know the core's contract and MongoDB, never the application that runs them, and each read model
 * stands alone: what they share is in {@code support} (batching, generations, applied positions) and {@code rebuild}.
 */
@AnalyzeClasses(packages = "org.relais.projections", importOptions = {ImportOption.DoNotIncludeTests.class,
        ImportOption.DoNotIncludeJars.class})
class StructureTest {

    @ArchTest
    static final ArchRule read_models_do_not_know_the_application = noClasses()
            .should().dependOnClassesThat()
            .resideInAnyPackage("org.relais.app..", "org.relais.app..", "org.relais.embeddedmongo..",
                    "jakarta.servlet..", "org.springframework.web..");

    @ArchTest
    static final ArchRule read_models_reach_only_the_core_contract = noClasses()
            .should().dependOnClassesThat(resideInAnyPackage("org.relais.core.referral..", "org.relais.core.partner..")
                    .and(not(type(DeadlineCalendar.class))))
            .because("a read model is built from the events and queries of the contract, not from the command side "
                    + "(the calendar of service hours, a public value of the core, measures open time)");

    @ArchTest
    static final ArchRule each_read_model_stands_alone = slices()
            .matching("org.relais.projections.(*)..")
            .should().notDependOnEachOther()
            .ignoreDependency(alwaysTrue(),
                    resideInAnyPackage("org.relais.projections.support..", "org.relais.projections.rebuild.."));

    @ArchTest
    static final ArchRule packages_form_no_cycle = slices()
            .matching("org.relais.projections.(**)")
            .should().beFreeOfCycles();
}
