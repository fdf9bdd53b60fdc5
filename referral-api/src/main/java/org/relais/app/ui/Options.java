package org.relais.app.ui;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.List;

import org.relais.core.api.referral.AgeBand;
import org.relais.core.api.Category;
import org.relais.core.api.referral.Channel;
import org.relais.core.api.referral.ClosureOutcome;
import org.relais.core.api.referral.LegalBasis;
import org.relais.core.api.referral.ReferralStatus;
import org.relais.core.api.referral.ReporterRole;
import org.relais.core.api.referral.RiskLevel;
import org.relais.core.api.ShareableField;
import org.relais.core.api.referral.TransferOutcome;
import org.relais.core.api.TransferPurpose;
import org.relais.core.api.referral.TransferState;
import org.springframework.ui.Model;

/** The choices of the forms and filters, named by the contract's enums and labelled by the message bundles. */
final class Options {

    private Options() {
    }

    static void addTo(Model model) {
        model.addAttribute("channels", Channel.values());
        model.addAttribute("reporterRoles", ReporterRole.values());
        model.addAttribute("ageBands", AgeBand.values());
        model.addAttribute("categories", Category.values());
        model.addAttribute("risks", RiskLevel.values());
        model.addAttribute("statuses", ReferralStatus.values());
        model.addAttribute("legalBases", LegalBasis.values());
        model.addAttribute("shareableFields", ShareableField.values());
        model.addAttribute("closureOutcomes", ClosureOutcome.values());
        model.addAttribute("transferStates", TransferState.values());
        model.addAttribute("purposes", TransferPurpose.values());
        Map<TransferPurpose, List<TransferOutcome>> outcomes = new EnumMap<>(TransferPurpose.class);
        for (TransferPurpose purpose : TransferPurpose.values()) {
            outcomes.put(purpose, outcomesFor(purpose));
        }
        model.addAttribute("outcomesByPurpose", outcomes);
    }

    static List<TransferOutcome> outcomesFor(TransferPurpose purpose) {
        return Arrays.stream(TransferOutcome.values())
                .filter(outcome -> outcome.isContentRemovalOutcome() == (purpose == TransferPurpose.CONTENT_REMOVAL))
                .toList();
    }
}
