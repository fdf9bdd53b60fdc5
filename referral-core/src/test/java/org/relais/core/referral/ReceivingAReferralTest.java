package org.relais.core.referral;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.Year;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.relais.core.api.referral.AgeBand;
import org.relais.core.api.Category;
import org.relais.core.api.referral.Channel;
import org.relais.core.api.CommandResult;
import org.relais.core.api.ErrorCode;
import org.relais.core.api.referral.PersonalDetails;
import org.relais.core.api.referral.ReceiveReferralCommand;
import org.relais.core.api.referral.ReferralReceivedEvent;
import org.relais.core.api.referral.ReporterRole;
import org.relais.core.api.RuleViolationException;
import org.relais.core.privacy.PersonalDataProtector;
import org.relais.core.testing.RecordingContactIndex;
import org.relais.core.testing.TestPrivacy;

class ReceivingAReferralTest {

    private static final PersonalDetails DETAILS = new PersonalDetails("Léa", "06", "Claire", "claire@example.org",
            "story", List.of("https://social.example/p/1"));

    private FixtureConfiguration<Referral> fixture;
    private final PersonalDataProtector protector = TestPrivacy.protector();
    private final AtomicLong numbers = new AtomicLong(122);
    private final RecordingContactIndex contacts = new RecordingContactIndex();

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Referral.class);
        fixture.registerInjectableResource(protector);
        fixture.registerInjectableResource((ReferenceAllocator) year -> numbers.incrementAndGet());
        fixture.registerInjectableResource(contacts);
        fixture.registerInjectableResource(Clock.fixed(Instant.parse("2026-03-01T10:00:00Z"), ZoneId.of("Europe/Paris")));
    }

    @Test
    void coordinator_takes_in_a_case_and_gets_a_human_reference_and_sealed_personal_data() {
        fixture.givenNoPriorActivity()
                .when(new ReceiveReferralCommand("r-1", Channel.ACCESSIBLE_SIGN_LANGUAGE,
                        ReporterRole.PARENT_OR_GUARDIAN, AgeBand.AGE_11_14,
                        Set.of(Category.CYBERHARASSMENT, Category.NON_CONSENSUAL_IMAGERY), DETAILS))
                .expectSuccessfulHandlerExecution()
                .expectResultMessagePayload(new CommandResult("r-1", 0));

        ReferralReceivedEvent event = (ReferralReceivedEvent) fixture.getEventStore()
                .readEvents("r-1").next().getPayload();
        assertThat(event.reference()).isEqualTo("R-2026-000123");
        assertThat(event.categories()).containsExactly(Category.CYBERHARASSMENT, Category.NON_CONSENSUAL_IMAGERY);
        assertThat(event.personalData().victimName()).startsWith("v1:").doesNotContain("Léa");
        assertThat(protector.open("r-1", event.personalData())).contains(DETAILS);
        assertThat(contacts.contactOf("r-1", ContactIndex.Role.VICTIM)).isEqualTo("06");
        assertThat(contacts.contactOf("r-1", ContactIndex.Role.REPORTER)).isEqualTo("claire@example.org");
    }

    @Test
    void intake_without_a_category_is_rejected_with_invalid_input() {
        fixture.givenNoPriorActivity()
                .when(new ReceiveReferralCommand("r-1", Channel.PHONE, ReporterRole.VICTIM, AgeBand.ADULT, Set.of(),
                        DETAILS))
                .expectException(RuleViolationException.class)
                .expectExceptionDetails(ErrorCode.INVALID_INPUT)
                .expectNoEvents();
    }

    @Test
    void reference_numbers_restart_with_the_year_of_the_service_clock() {
        assertThat(ReferenceAllocator.format(Year.of(2027), 1)).isEqualTo("R-2027-000001");
    }
}
