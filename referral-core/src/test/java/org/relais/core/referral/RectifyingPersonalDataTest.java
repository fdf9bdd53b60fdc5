package org.relais.core.referral;

import static org.assertj.core.api.Assertions.assertThat;
import static org.relais.core.referral.ReferralScenarios.COORDINATOR;
import static org.relais.core.referral.ReferralScenarios.NOW;
import static org.relais.core.referral.ReferralScenarios.R;
import static org.relais.core.referral.ReferralScenarios.partners;
import static org.relais.core.referral.ReferralScenarios.received;
import static org.relais.core.referral.ReferralScenarios.triaged;

import java.util.EnumSet;
import java.util.List;

import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.relais.core.api.referral.ClosureOutcome;
import org.relais.core.api.ErrorCode;
import org.relais.core.api.referral.PersonalDataRectifiedEvent;
import org.relais.core.api.referral.PersonalDetails;
import org.relais.core.api.referral.RectifyPersonalDataCommand;
import org.relais.core.api.referral.ReferralClosedEvent;
import org.relais.core.api.referral.ReferralErasureRequestedEvent;
import org.relais.core.api.referral.RiskLevel;
import org.relais.core.api.RuleViolationException;
import org.relais.core.api.ShareableField;
import org.relais.core.privacy.PersonalDataProtector;
import org.relais.core.testing.MutableClock;
import org.relais.core.testing.RecordingContactIndex;
import org.relais.core.testing.TestPrivacy;

/**
 * A coordinator corrects or completes a case's personal data (GDPR Art. 16): only the fields given change, each
 * sealed like at intake, the narrative only grows, nothing is cleared, an erased case has nothing left to correct,
 * and the blind index of contacts follows in the same command.
 */
class RectifyingPersonalDataTest {

    private final PersonalDataProtector protector = TestPrivacy.protector();
    private final RecordingContactIndex contacts = new RecordingContactIndex();
    private FixtureConfiguration<Referral> fixture;

    @BeforeEach
    void setUp() {
        fixture = ReferralScenarios.fixture(protector, new MutableClock(NOW), partners(), contacts);
    }

    @Test
    void givenACase_whenTheCoordinatorCorrectsTheVictimsContact_thenOnlyThatFieldIsRecordedSealedAndReindexed() {
        fixture.given(received())
                .when(new RectifyPersonalDataCommand(R, null, "+33 6 12 34 56 78", null, null, null, null), COORDINATOR)
                .expectSuccessfulHandlerExecution();

        PersonalDataRectifiedEvent event = onlyEvent();
        assertThat(event.fields()).containsExactly(ShareableField.VICTIM_CONTACT);
        assertThat(event.values().victimContact()).startsWith("v1:").doesNotContain("12 34");
        assertThat(protector.open(R, event.values())).contains(
                new PersonalDetails(null, "+33 6 12 34 56 78", null, null, null, List.of()));
        assertThat(contacts.contactOf(R, ContactIndex.Role.VICTIM)).isEqualTo("+33 6 12 34 56 78");
        assertThat(contacts.contactOf(R, ContactIndex.Role.REPORTER)).isNull();
    }

    @Test
    void givenACase_whenEveryFieldIsRectified_thenTheAddendumAndTheNewUrlsAreRecordedUnderTheIntakeFieldNames() {
        fixture.given(received(), triaged(RiskLevel.LOW))
                .when(new RectifyPersonalDataCommand(R, "Léa M.", "lea@example.org", "Claire M.", "06 11 22 33 44",
                        List.of("https://social.example/p/2"), "She called back: the account was recreated."),
                        COORDINATOR)
                .expectSuccessfulHandlerExecution();

        PersonalDataRectifiedEvent event = onlyEvent();
        assertThat(event.fields()).isEqualTo(EnumSet.allOf(ShareableField.class));
        assertThat(protector.open(R, event.values())).contains(new PersonalDetails("Léa M.", "lea@example.org",
                "Claire M.", "06 11 22 33 44", "She called back: the account was recreated.",
                List.of("https://social.example/p/2")));
        assertThat(contacts.contactOf(R, ContactIndex.Role.REPORTER)).isEqualTo("06 11 22 33 44");
    }

    @Test
    void givenAClosedCase_whenTheCoordinatorRectifies_thenItIsRecorded() {
        fixture.given(received(), new ReferralClosedEvent(R, ClosureOutcome.RESOLVED, null))
                .when(new RectifyPersonalDataCommand(R, "Léa M.", null, null, null, null, null), COORDINATOR)
                .expectSuccessfulHandlerExecution();

        assertThat(onlyEvent().fields()).containsExactly(ShareableField.VICTIM_NAME);
    }

    @Test
    void givenAnErasedCase_whenTheCoordinatorRectifies_thenItIsRefusedAndNothingIsIndexed() {
        fixture.given(received(), new ReferralErasureRequestedEvent(R, null))
                .when(new RectifyPersonalDataCommand(R, null, "06 12 34 56 78", null, null, null, null), COORDINATOR)
                .expectException(RuleViolationException.class)
                .expectExceptionDetails(ErrorCode.REFERRAL_ERASED)
                .expectNoEvents();

        assertThat(contacts.contactOf(R, ContactIndex.Role.VICTIM)).isNull();
    }

    @Test
    void givenACase_whenTheRectificationGivesNothing_thenItIsRefusedAsInvalidInput() {
        fixture.given(received())
                .when(new RectifyPersonalDataCommand(R, null, null, null, null, null, null), COORDINATOR)
                .expectException(RuleViolationException.class)
                .expectExceptionDetails(ErrorCode.INVALID_INPUT)
                .expectNoEvents();
    }

    @Test
    void givenACase_whenTheRectificationWouldClearAField_thenItIsRefusedAsInvalidInput() {
        fixture.given(received())
                .when(new RectifyPersonalDataCommand(R, null, " ", null, null, null, null), COORDINATOR)
                .expectException(RuleViolationException.class)
                .expectExceptionDetails(ErrorCode.INVALID_INPUT)
                .expectNoEvents();
        fixture.given(received())
                .when(new RectifyPersonalDataCommand(R, null, null, null, null, List.of(), null), COORDINATOR)
                .expectException(RuleViolationException.class)
                .expectExceptionDetails(ErrorCode.INVALID_INPUT)
                .expectNoEvents();
    }

    @Test
    void theCommandsTextNeverReachesALog() {
        assertThat(new RectifyPersonalDataCommand(R, "Léa", "06", null, null, null, "more").toString())
                .doesNotContain("Léa").doesNotContain("06").doesNotContain("more");
    }

    private PersonalDataRectifiedEvent onlyEvent() {
        List<Object> stored = fixture.getEventStore().readEvents(R).asStream()
                .map(message -> (Object) message.getPayload()).toList();
        Object last = stored.get(stored.size() - 1);
        assertThat(last).isInstanceOf(PersonalDataRectifiedEvent.class);
        return (PersonalDataRectifiedEvent) last;
    }
}
