package org.relais.core.api;

import java.util.List;

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
