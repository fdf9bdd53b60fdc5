package org.relais.core;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import java.util.Set;

import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.EntityId;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The core is the shared contract plus a hidden command side: only {@code api} (and the privacy service and a few
 * ports and values the wiring needs) is public, and no web or database framework leaks in.
 */
@AnalyzeClasses(packages = "org.relais.core", importOptions = {ImportOption.DoNotIncludeTests.class,
        ImportOption.DoNotIncludeJars.class})
class ArchitectureTest {

    /** The ports and values outside {@code api} that the application module must see to wire the core. */
    private static final Set<String> PUBLIC_PORTS_AND_VALUES = Set.of(
            "org.relais.core.referral.ReferralModel",
            "org.relais.core.referral.ReferenceAllocator",
            "org.relais.core.referral.CaseRegister",
            "org.relais.core.referral.CaseRegister$RegisteredCase",
            "org.relais.core.referral.ContactIndex",
            "org.relais.core.referral.ContactIndex$Role",
            "org.relais.core.partner.PartnerModel",
            "org.relais.core.partner.PartnerDirectory",
            "org.relais.core.partner.PartnerTerms",
            "org.relais.core.partner.DeadlineCalendar",
            "org.relais.core.partner.EventStorePartnerDirectory",
            "org.relais.core.access.LiaisonReach",
            "org.relais.core.access.TransferAccess",
            "org.relais.core.access.CaseAccess",
            "org.relais.core.access.CaseAccessLedger");

    private static final DescribedPredicate<JavaClass> AGGREGATES = new DescribedPredicate<>(
            "are aggregates (with an @AggregateIdentifier field or annotated @Aggregate)") {
        @Override
        public boolean test(JavaClass type) {
            return type.getAllFields().stream().anyMatch(f -> f.isAnnotatedWith(AggregateIdentifier.class))
                    || type.isAnnotatedWith("org.axonframework.spring.stereotype.Aggregate");
        }
    };

    private static final DescribedPredicate<JavaClass> ENTITIES = new DescribedPredicate<>(
            "are aggregate entities (with an @EntityId field)") {
        @Override
        public boolean test(JavaClass type) {
            return type.getAllFields().stream().anyMatch(f -> f.isAnnotatedWith(EntityId.class));
        }
    };

    private static final DescribedPredicate<JavaClass> ALLOWED_PUBLIC = new DescribedPredicate<>(
            "in the public contract: org.relais.core.api, org.relais.core.privacy and the listed ports and values") {
        @Override
        public boolean test(JavaClass type) {
            return resideInAnyPackage("org.relais.core.api..", "org.relais.core.privacy").test(type)
                    || PUBLIC_PORTS_AND_VALUES.contains(type.getName());
        }
    };

    @ArchTest
    static final ArchRule core_depends_on_no_web_or_database_framework = noClasses()
            .should().dependOnClassesThat()
            .resideInAnyPackage("org.springframework..", "com.mongodb..", "jakarta.servlet..");

    @ArchTest
    static final ArchRule aggregates_are_not_public = classes()
            .that(AGGREGATES)
            .should().notBePublic();

    @ArchTest
    static final ArchRule entities_are_not_public = classes()
            .that(ENTITIES)
            .should().notBePublic();

    @ArchTest
    static final ArchRule policies_are_not_public = classes()
            .that().haveSimpleNameEndingWith("Policy")
            .should().notBePublic();

    @ArchTest
    static final ArchRule only_the_contract_is_public = classes()
            .that().arePublic()
            .and(not(ALLOWED_PUBLIC))
            .should().notBePublic()
            .allowEmptyShould(true)
            .because("aggregates, entities, policies and helpers are internals of the command side");

    @ArchTest
    static final ArchRule the_contract_holds_no_command_side_logic = noClasses()
            .that().resideInAPackage("org.relais.core.api..")
            .should().dependOnClassesThat()
            .resideInAnyPackage("org.relais.core.referral..", "org.relais.core.partner..", "org.relais.core.privacy..");

    @ArchTest
    static final ArchRule commands_and_events_know_nothing_of_the_read_side = noClasses()
            .that().resideInAnyPackage("org.relais.core.api", "org.relais.core.api.referral",
                    "org.relais.core.api.partner", "org.relais.core.api.access")
            .should().dependOnClassesThat()
            .resideInAnyPackage("org.relais.core.api.query", "org.relais.core.api.admin")
            .because("queries and views are shaped by the read side; the messages the aggregates take and give are"
                    + " stored forever and must not change with them");

    @ArchTest
    static final ArchRule packages_form_no_cycle = slices()
            .matching("org.relais.core.(**)")
            .should().beFreeOfCycles();
}
