package org.relais.embeddedmongo;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The embedded read side is a general MongoDB wire-protocol store: it knows the library it extends and SQLite, and
 * nothing of Relais, so that it could be used, and tested, on its own.
 */
@AnalyzeClasses(packages = "org.relais.embeddedmongo", importOptions = {ImportOption.DoNotIncludeTests.class,
        ImportOption.DoNotIncludeJars.class})
class StructureTest {

    @ArchTest
    static final ArchRule knows_nothing_of_relais = noClasses()
            .should().dependOnClassesThat()
            .resideInAnyPackage("org.relais.core..", "org.relais.projections..", "org.relais.app..",
                    "org.relais.app..", "org.springframework..", "org.axonframework..");

    @ArchTest
    static final ArchRule extends_the_library_through_its_public_api_only = noClasses()
            .should().dependOnClassesThat()
            .resideInAnyPackage("de.bwaldvogel.mongo.backend.memory..")
            .because("the store extends the library's abstract backend, it does not reuse the memory backend's classes");
}
