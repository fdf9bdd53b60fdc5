package org.relais.projections.casedetail;

import org.relais.core.api.query.CaseLinkView;

/** Another case this one is linked to, as the reader is shown it: its id and reference. */
class CaseLink {

    String referralId;
    String reference;

    static CaseLink of(String referralId, String reference) {
        CaseLink link = new CaseLink();
        link.referralId = referralId;
        link.reference = reference;
        return link;
    }

    CaseLinkView toView() {
        return new CaseLinkView(referralId, reference);
    }
}
