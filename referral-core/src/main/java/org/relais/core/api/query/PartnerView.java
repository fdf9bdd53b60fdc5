package org.relais.core.api.query;

import java.util.List;
import org.relais.core.api.partner.AgreementTerms;
import org.relais.core.api.PartnerKind;
import org.relais.core.api.partner.PartnerStatus;

/** A partner of the directory with its current agreement (null before one is signed) and liaison accounts. */
public record PartnerView(String partnerId,
                          String name,
                          PartnerKind kind,
                          PartnerStatus status,
                          AgreementTerms agreement,
                          List<String> liaisons,
                          long version) {

    public PartnerView {
        liaisons = liaisons == null ? List.of() : List.copyOf(liaisons);
    }
}
