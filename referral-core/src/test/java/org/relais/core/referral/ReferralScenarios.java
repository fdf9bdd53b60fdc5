package org.relais.core.referral;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.relais.core.api.ActorMetadata;
import org.relais.core.api.referral.AgeBand;
import org.relais.core.api.partner.AgreementTerms;
import org.relais.core.api.Category;
import org.relais.core.api.referral.Channel;
import org.relais.core.api.referral.ConsentGivenEvent;
import org.relais.core.api.referral.LegalBasis;
import org.relais.core.api.PartnerKind;
import org.relais.core.api.partner.PartnerStatus;
import org.relais.core.api.referral.ReferralReceivedEvent;
import org.relais.core.api.referral.ReferralTriagedEvent;
import org.relais.core.api.referral.ReporterRole;
import org.relais.core.api.referral.RiskLevel;
import org.relais.core.api.referral.SealedPersonalDetails;
import org.relais.core.api.partner.ServiceHours;
import org.relais.core.api.ShareableField;
import org.relais.core.api.referral.TransferAcceptedEvent;
import org.relais.core.api.referral.TransferAcknowledgedEvent;
import org.relais.core.api.TransferPurpose;
import org.relais.core.api.referral.TransferRequestedEvent;
import org.relais.core.partner.PartnerDirectory;
import org.relais.core.partner.PartnerTerms;
import org.relais.core.privacy.PersonalDataProtector;
import org.relais.core.privacy.RetentionPeriod;
import org.relais.core.testing.InMemoryCaseRegister;
import org.relais.core.testing.InMemoryPartnerDirectory;
import org.relais.core.testing.MutableClock;
import org.relais.core.testing.RecordingContactIndex;

/**
 * The cast of the referral scenarios: one case, the demo partners described in docs/design.md and a few that break one rule each.
 * Agreements are "always open", so deadlines are plain SLA arithmetic whatever the service-hours calendar does.
 */
final class ReferralScenarios {

    static final String R = "r-1";
    static final String T = "t-1";
    /** A Monday, 11:00 in Paris. */
    static final Instant NOW = Instant.parse("2026-03-02T10:00:00Z");
    static final Duration SLA = Duration.ofHours(4);
    static final Instant DEADLINE = NOW.plus(SLA);
    static final String SEALED = "v1:sealed-in-a-given-event";
    static final Duration RETENTION = Duration.ofDays(30);

    static final String POLICE = "p-police";
    static final String CHILD_UNIT = "p-child-unit";
    static final String ASSOCIATION = "p-association";
    static final String PLATFORM = "p-platform";
    static final String SUSPENDED = "p-suspended";
    static final String UNSIGNED = "p-unsigned";
    static final String EXPIRED = "p-expired";
    static final String NOT_YET = "p-not-yet";
    static final String STARTS_TODAY = "p-starts-today";

    static final Map<String, ?> COORDINATOR = Map.of(ActorMetadata.ROLE, "COORDINATOR", ActorMetadata.USER, "coord-1");

    private ReferralScenarios() {
    }

    static FixtureConfiguration<Referral> fixture(PersonalDataProtector protector, MutableClock clock) {
        return fixture(protector, clock, partners());
    }

    static FixtureConfiguration<Referral> fixture(PersonalDataProtector protector, MutableClock clock,
                                                  PartnerDirectory partners) {
        return fixture(protector, clock, partners, new RecordingContactIndex());
    }

    static FixtureConfiguration<Referral> fixture(PersonalDataProtector protector, MutableClock clock,
                                                  PartnerDirectory partners, ContactIndex contacts) {
        FixtureConfiguration<Referral> fixture = new AggregateTestFixture<>(Referral.class);
        fixture.registerInjectableResource(protector);
        fixture.registerInjectableResource(partners);
        fixture.registerInjectableResource(clock);
        fixture.registerInjectableResource((ReferenceAllocator) year -> 1L);
        fixture.registerInjectableResource(contacts);
        fixture.registerInjectableResource(new RetentionPeriod(RETENTION));
        fixture.registerInjectableResource(cases());
        return fixture;
    }

    /** The other cases a closure may name: the case itself, one earlier case, and one whose data was erased. */
    static final String EARLIER = "r-earlier";
    static final String EARLIER_REFERENCE = "R-2026-000042";
    static final String ERASED = "r-erased";
    static final String ERASED_REFERENCE = "R-2025-000007";

    static InMemoryCaseRegister cases() {
        return new InMemoryCaseRegister()
                .with(R, "R-2026-000001", false)
                .with(EARLIER, EARLIER_REFERENCE, false)
                .with(ERASED, ERASED_REFERENCE, true);
    }

    /** The account attached as liaison to every partner of the cast. */
    static final String LIAISON = "liaison";

    static Map<String, ?> liaisonOf(String partnerId) {
        return Map.of(ActorMetadata.ROLE, "LIAISON", ActorMetadata.PARTNER, partnerId, ActorMetadata.USER, LIAISON);
    }

    static InMemoryPartnerDirectory partners() {
        Set<Category> all = EnumSet.allOf(Category.class);
        Set<ShareableField> identityAndFacts = EnumSet.of(ShareableField.VICTIM_NAME, ShareableField.VICTIM_CONTACT,
                ShareableField.REPORTER_NAME, ShareableField.REPORTER_CONTACT, ShareableField.NARRATIVE);
        Set<TransferPurpose> authorityPurposes =
                EnumSet.of(TransferPurpose.INVESTIGATION, TransferPurpose.CHILD_PROTECTION_ASSESSMENT);
        return new InMemoryPartnerDirectory()
                .with(active(POLICE, PartnerKind.POLICE, agreement(all, authorityPurposes, identityAndFacts)))
                .with(active(CHILD_UNIT, PartnerKind.CHILD_PROTECTION_UNIT,
                        agreement(all, authorityPurposes, identityAndFacts)))
                .with(active(ASSOCIATION, PartnerKind.VICTIM_SUPPORT_ASSOCIATION,
                        agreement(EnumSet.of(Category.CYBERHARASSMENT, Category.DISCRIMINATION),
                                EnumSet.of(TransferPurpose.PSYCHOLOGICAL_SUPPORT, TransferPurpose.LEGAL_ADVICE),
                                EnumSet.of(ShareableField.VICTIM_NAME, ShareableField.VICTIM_CONTACT,
                                        ShareableField.NARRATIVE))))
                .with(active(PLATFORM, PartnerKind.ONLINE_PLATFORM,
                        agreement(EnumSet.of(Category.CYBERHARASSMENT, Category.NON_CONSENSUAL_IMAGERY),
                                EnumSet.of(TransferPurpose.CONTENT_REMOVAL),
                                EnumSet.of(ShareableField.CONTENT_URLS))))
                .with(new PartnerTerms(SUSPENDED, PartnerKind.POLICE, PartnerStatus.SUSPENDED,
                        agreement(all, authorityPurposes, identityAndFacts), Set.of(LIAISON)))
                .with(new PartnerTerms(UNSIGNED, PartnerKind.POLICE, PartnerStatus.ACTIVE, null))
                .with(active(EXPIRED, PartnerKind.POLICE, agreement(LocalDate.of(2025, 1, 1),
                        LocalDate.of(2026, 3, 1), all, authorityPurposes, identityAndFacts)))
                .with(active(NOT_YET, PartnerKind.POLICE, agreement(LocalDate.of(2026, 3, 3), null, all,
                        authorityPurposes, identityAndFacts)))
                .with(active(STARTS_TODAY, PartnerKind.POLICE, agreement(LocalDate.of(2026, 3, 2), null, all,
                        authorityPurposes, identityAndFacts)));
    }

    /** The police minors' office of the cast, with its status and attached liaisons as a scenario needs them. */
    static PartnerTerms police(PartnerStatus status, Set<String> liaisons) {
        return new PartnerTerms(POLICE, PartnerKind.POLICE, status, agreement(EnumSet.allOf(Category.class),
                EnumSet.of(TransferPurpose.INVESTIGATION, TransferPurpose.CHILD_PROTECTION_ASSESSMENT),
                EnumSet.of(ShareableField.VICTIM_NAME, ShareableField.NARRATIVE)), liaisons);
    }

    private static PartnerTerms active(String id, PartnerKind kind, AgreementTerms agreement) {
        return new PartnerTerms(id, kind, PartnerStatus.ACTIVE, agreement, Set.of(LIAISON));
    }

    private static AgreementTerms agreement(Set<Category> categories, Set<TransferPurpose> purposes,
                                            Set<ShareableField> fields) {
        return agreement(LocalDate.of(2025, 1, 1), null, categories, purposes, fields);
    }

    private static AgreementTerms agreement(LocalDate from, LocalDate until, Set<Category> categories,
                                            Set<TransferPurpose> purposes, Set<ShareableField> fields) {
        return new AgreementTerms(LocalDate.of(2024, 12, 1), from, until, categories, purposes, fields, SLA,
                ServiceHours.alwaysOpen("Europe/Paris"));
    }

    // the case: a 13-year-old harassed online, with intimate images shared

    static ReferralReceivedEvent received() {
        return received(AgeBand.AGE_11_14);
    }

    static ReferralReceivedEvent received(AgeBand ageBand) {
        return new ReferralReceivedEvent(R, "R-2026-000001", Channel.CHAT, ReporterRole.PARENT_OR_GUARDIAN, ageBand,
                EnumSet.of(Category.CYBERHARASSMENT, Category.NON_CONSENSUAL_IMAGERY),
                new SealedPersonalDetails(R, SEALED, SEALED, SEALED, SEALED, SEALED, List.of(SEALED)));
    }

    static ReferralTriagedEvent triaged(RiskLevel riskLevel) {
        return triaged(riskLevel, AgeBand.AGE_11_14);
    }

    static ReferralTriagedEvent triaged(RiskLevel riskLevel, AgeBand ageBand) {
        return new ReferralTriagedEvent(R, riskLevel,
                EnumSet.of(Category.CYBERHARASSMENT, Category.NON_CONSENSUAL_IMAGERY), ageBand);
    }

    static ConsentGivenEvent consentGiven() {
        return new ConsentGivenEvent(R, SEALED);
    }

    static TransferRequestedEvent requested(String transferId, String partnerId, PartnerKind kind,
                                            TransferPurpose purpose, LegalBasis basis,
                                            Set<ShareableField> fields) {
        return new TransferRequestedEvent(R, transferId, partnerId, kind, purpose, basis, fields, null, DEADLINE, SLA);
    }

    /** A consented investigation by the police, the transfer most scenarios act on. */
    static TransferRequestedEvent requestedToPolice() {
        return requested(T, POLICE, PartnerKind.POLICE, TransferPurpose.INVESTIGATION, LegalBasis.CONSENT,
                EnumSet.of(ShareableField.VICTIM_NAME, ShareableField.NARRATIVE));
    }

    static TransferRequestedEvent requestedToPlatform() {
        return requested(T, PLATFORM, PartnerKind.ONLINE_PLATFORM, TransferPurpose.CONTENT_REMOVAL,
                LegalBasis.CONSENT, EnumSet.of(ShareableField.CONTENT_URLS));
    }

    static TransferAcknowledgedEvent acknowledged(String partnerId) {
        return new TransferAcknowledgedEvent(R, T, partnerId, false);
    }

    static TransferAcceptedEvent accepted(String partnerId) {
        return new TransferAcceptedEvent(R, T, partnerId);
    }

    /** Up to a consented police transfer, in the state the scenario needs. */
    static Object[] policeTransfer(Object... later) {
        Object[] start = {received(), triaged(RiskLevel.HIGH), consentGiven(), requestedToPolice()};
        Object[] all = Arrays.copyOf(start, start.length + later.length);
        System.arraycopy(later, 0, all, start.length, later.length);
        return all;
    }
}
