package org.relais.core.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.relais.core.api.referral.ConsentWithdrawnEvent;
import org.relais.core.api.referral.LegalBasis;
import org.relais.core.api.PartnerKind;
import org.relais.core.api.partner.PartnerStatus;
import org.relais.core.api.ShareableField;
import org.relais.core.api.referral.TransferAcceptedEvent;
import org.relais.core.api.referral.TransferAcknowledgedEvent;
import org.relais.core.api.referral.TransferCancelledEvent;
import org.relais.core.api.referral.TransferCompletedEvent;
import org.relais.core.api.referral.TransferDeclinedEvent;
import org.relais.core.api.referral.TransferOutcome;
import org.relais.core.api.TransferPurpose;
import org.relais.core.api.referral.TransferRequestedEvent;
import org.relais.core.api.referral.TransferState;
import org.relais.core.partner.PartnerTerms;

class CaseAccessTest {

    private static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");
    private static final Duration WINDOW = Duration.ofDays(30);

    private static TransferRequestedEvent requested(String transferId, String partnerId, LegalBasis basis) {
        return new TransferRequestedEvent("r", transferId, partnerId, PartnerKind.POLICE,
                TransferPurpose.INVESTIGATION, basis, Set.of(ShareableField.NARRATIVE), null, T0.plusSeconds(3600),
                Duration.ofHours(4));
    }

    @Test
    void an_open_transfer_opens_the_shared_data_and_a_completed_one_only_within_the_window() {
        CaseAccess access = new CaseAccess()
                .apply(requested("t", "p", LegalBasis.CONSENT), T0);
        assertThat(access.transfer("t").orElseThrow().opensPersonalData(T0, WINDOW)).isTrue();

        access.apply(new TransferAcknowledgedEvent("r", "t", "p", false), T0)
                .apply(new TransferAcceptedEvent("r", "t", "p"), T0)
                .apply(new TransferCompletedEvent("r", "t", "p", TransferOutcome.SUPPORT_PROVIDED, null, null),
                        T0.plus(Duration.ofDays(2)));

        TransferAccess completed = access.transfer("t").orElseThrow();
        assertThat(completed.state()).isEqualTo(TransferState.COMPLETED);
        assertThat(completed.completedAt()).isEqualTo(T0.plus(Duration.ofDays(2)));
        assertThat(completed.opensPersonalData(T0.plus(Duration.ofDays(31)), WINDOW)).isTrue();
        assertThat(completed.opensPersonalData(T0.plus(Duration.ofDays(32)), WINDOW)).isFalse();
    }

    @Test
    void declined_and_cancelled_transfers_open_nothing() {
        CaseAccess access = new CaseAccess()
                .apply(requested("d", "p", LegalBasis.CONSENT), T0)
                .apply(requested("c", "q", LegalBasis.CONSENT), T0)
                .apply(new TransferDeclinedEvent("r", "d", "p", null), T0)
                .apply(new TransferCancelledEvent("r", "c", "q", null), T0);

        assertThat(access.transfer("d").orElseThrow().opensPersonalData(T0, WINDOW)).isFalse();
        assertThat(access.transfer("c").orElseThrow().opensPersonalData(T0, WINDOW)).isFalse();
    }

    @Test
    void withdrawn_consent_closes_consented_transfers_and_leaves_mandatory_reports_open() {
        CaseAccess access = new CaseAccess()
                .apply(requested("consented", "p", LegalBasis.CONSENT), T0)
                .apply(requested("mandatory", "q", LegalBasis.MANDATORY_REPORT), T0)
                .apply(new ConsentWithdrawnEvent("r", null), T0.plusSeconds(60))
                .apply(requested("later", "s", LegalBasis.CONSENT), T0.plusSeconds(120));

        assertThat(access.transfer("consented").orElseThrow().consentWithdrawn()).isTrue();
        assertThat(access.transfer("consented").orElseThrow().opensPersonalData(T0, WINDOW)).isFalse();
        assertThat(access.transfer("mandatory").orElseThrow().opensPersonalData(T0, WINDOW)).isTrue();
        assertThat(access.transfer("later").orElseThrow().opensPersonalData(T0, WINDOW))
                .as("a transfer requested under consent given again").isTrue();
        assertThat(access.transfersTo("p")).extracting(TransferAccess::transferId).containsExactly("consented");
    }

    @Test
    void a_liaison_reaches_only_an_attached_partner_that_is_not_terminated() {
        PartnerTerms active = new PartnerTerms("p", PartnerKind.POLICE, PartnerStatus.ACTIVE, null, Set.of("ana"));

        assertThat(LiaisonReach.of(Optional.of(active), "ana")).isEqualTo(LiaisonReach.CASE_DATA);
        assertThat(LiaisonReach.of(Optional.of(active), "bob")).isEqualTo(LiaisonReach.NONE);
        assertThat(LiaisonReach.of(Optional.empty(), "ana")).isEqualTo(LiaisonReach.NONE);
        assertThat(LiaisonReach.of(Optional.of(new PartnerTerms("p", PartnerKind.POLICE, PartnerStatus.SUSPENDED,
                null, Set.of("ana"))), "ana")).isEqualTo(LiaisonReach.INBOX);
        assertThat(LiaisonReach.of(Optional.of(new PartnerTerms("p", PartnerKind.POLICE, PartnerStatus.TERMINATED,
                null, Set.of("ana"))), "ana")).isEqualTo(LiaisonReach.NONE);
    }
}
