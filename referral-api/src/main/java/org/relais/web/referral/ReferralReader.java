package org.relais.web.referral;

import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.relais.core.api.FindReferralQuery;
import org.relais.core.api.PersonalDetails;
import org.relais.core.api.ReferralDetailView;
import org.relais.core.api.SealedTextFields;
import org.relais.core.api.ShareableField;
import org.relais.core.api.TransferState;
import org.relais.core.api.TransferView;
import org.relais.core.privacy.PersonalDataProtector;
import org.relais.web.problem.NotFoundException;
import org.relais.web.privacy.AccessRecorder;
import org.relais.web.security.Actor;
import org.springframework.stereotype.Component;

/**
 * Opens a case's personal data for one reader, and only what that reader may see. Coordinators and auditors see
 * the whole case. A liaison sees only a case with a transfer to its own partner (any other case is "not found"),
 * only that partner's transfers, and only the personal fields shared in those transfers that still stand: a
 * declined or cancelled transfer keeps the case visible (the liaison's own history) but no longer opens its fields.
 */
@Component
public class ReferralReader {

    private static final Set<TransferState> WITHDRAWN = EnumSet.of(TransferState.DECLINED, TransferState.CANCELLED);

    private final PersonalDataProtector protector;
    private final AccessRecorder access;
    private final QueryGateway queries;

    ReferralReader(PersonalDataProtector protector, AccessRecorder access, QueryGateway queries) {
        this.protector = protector;
        this.access = access;
        this.queries = queries;
    }

    /**
     * The case {@code referralId} as {@code actor} may see it, for the API and the web UI alike; "not found" when it
     * does not exist or this reader may not know of it.
     */
    public ReferralResponse find(String referralId, Actor actor, String purpose) {
        ReferralDetailView view = queries.query(new FindReferralQuery(referralId),
                        ResponseTypes.optionalInstanceOf(ReferralDetailView.class)).join()
                .orElseThrow(NotFoundException::new);
        return read(view, actor, purpose);
    }

    /** The case as this reader may see it; the personal fields it is shown are recorded first, with the purpose. */
    public ReferralResponse read(ReferralDetailView view, Actor actor, String purpose) {
        ReferralResponse response = switch (actor.role()) {
            case COORDINATOR, AUDITOR -> whole(view);
            case LIAISON -> sharedWith(view, actor.partnerId());
            case ADMIN -> throw new NotFoundException();
        };
        access.record(view.referralId(), shown(response), purpose);
        return response;
    }

    private static Set<ShareableField> shown(ReferralResponse response) {
        Set<ShareableField> shown = EnumSet.noneOf(ShareableField.class);
        if (response.victim() != null && response.victim().name() != null) {
            shown.add(ShareableField.VICTIM_NAME);
        }
        if (response.victim() != null && response.victim().contact() != null) {
            shown.add(ShareableField.VICTIM_CONTACT);
        }
        if (response.reporter() != null && response.reporter().name() != null) {
            shown.add(ShareableField.REPORTER_NAME);
        }
        if (response.reporter() != null && response.reporter().contact() != null) {
            shown.add(ShareableField.REPORTER_CONTACT);
        }
        if (response.narrative() != null) {
            shown.add(ShareableField.NARRATIVE);
        }
        if (response.contentUrls() != null && !response.contentUrls().isEmpty()) {
            shown.add(ShareableField.CONTENT_URLS);
        }
        return shown;
    }

    private ReferralResponse whole(ReferralDetailView view) {
        Optional<PersonalDetails> opened = protector.open(view.referralId(), view.personalData());
        return response(view, opened, EnumSet.allOf(ShareableField.class), view.transfers(), true);
    }

    private ReferralResponse sharedWith(ReferralDetailView view, String partnerId) {
        List<TransferView> own = view.transfers().stream()
                .filter(transfer -> partnerId != null && partnerId.equals(transfer.partnerId()))
                .toList();
        if (own.isEmpty()) {
            throw new NotFoundException();
        }
        Set<ShareableField> shared = EnumSet.noneOf(ShareableField.class);
        own.stream().filter(transfer -> !WITHDRAWN.contains(transfer.state()))
                .forEach(transfer -> shared.addAll(transfer.sharedFields()));
        Optional<PersonalDetails> opened = shared.isEmpty() ? Optional.empty()
                : protector.open(view.referralId(), view.personalData());
        return response(view, opened, shared, own, false);
    }

    private ReferralResponse response(ReferralDetailView view, Optional<PersonalDetails> opened,
                                      Set<ShareableField> visible, List<TransferView> transfers, boolean staff) {
        PersonalDetails details = opened.orElse(null);
        boolean erased = staff ? opened.isEmpty() : !visible.isEmpty() && opened.isEmpty();
        return new ReferralResponse(view.referralId(), view.reference(), view.status(), view.riskLevel(),
                view.channel(), view.reporterRole(), view.ageBand(), view.categories(),
                details == null || !visible.contains(ShareableField.CONTENT_URLS) ? null : details.contentUrls(),
                details == null ? null : person(visible.contains(ShareableField.VICTIM_NAME) ? details.victimName() : null,
                        visible.contains(ShareableField.VICTIM_CONTACT) ? details.victimContact() : null),
                details == null ? null : person(visible.contains(ShareableField.REPORTER_NAME) ? details.reporterName()
                        : null, visible.contains(ShareableField.REPORTER_CONTACT) ? details.reporterContact() : null),
                details == null || !visible.contains(ShareableField.NARRATIVE) ? null : details.narrative(),
                erased,
                staff ? view.consentGiven() : null,
                staff ? view.assignedCoordinator() : null,
                view.closureOutcome(),
                staff ? view.erasureRequested() : null,
                transfers.stream().map(transfer -> transfer(view.referralId(), transfer)).toList(),
                view.receivedAt(), view.updatedAt(), view.version());
    }

    private ReferralResponse.Transfer transfer(String referralId, TransferView transfer) {
        String reasonField = switch (transfer.state()) {
            case DECLINED -> SealedTextFields.DECLINE_REASON;
            case CANCELLED -> SealedTextFields.CANCELLATION_REASON;
            default -> SealedTextFields.STATEMENT_OF_REASONS;
        };
        return new ReferralResponse.Transfer(transfer.transferId(), transfer.partnerId(), transfer.partnerKind(),
                transfer.purpose(), transfer.legalBasis(), transfer.state(), transfer.sharedFields(),
                open(referralId, transfer, SealedTextFields.TRANSFER_MESSAGE, transfer.sealedMessage()),
                transfer.requestedAt(), transfer.deadline(), transfer.overdue(), transfer.wasOverdue(),
                transfer.acknowledgedAt(), transfer.acceptedAt(), transfer.endedAt(), transfer.outcome(),
                open(referralId, transfer, reasonField, transfer.sealedReason()),
                open(referralId, transfer, SealedTextFields.COMPLETION_NOTE, transfer.sealedNote()));
    }

    /** A transfer's text opens for that transfer of that case only (the protector checks both). */
    private String open(String referralId, TransferView transfer, String field, String sealed) {
        return sealed == null ? null
                : protector.openTransferText(referralId, transfer.transferId(), field, sealed).orElse(null);
    }

    private static ReferralResponse.Person person(String name, String contact) {
        return name == null && contact == null ? null : new ReferralResponse.Person(name, contact);
    }
}
