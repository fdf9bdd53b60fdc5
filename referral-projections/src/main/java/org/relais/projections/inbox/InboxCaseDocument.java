package org.relais.projections.inbox;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.relais.core.api.referral.AgeBand;
import org.relais.core.api.Category;
import org.relais.core.api.referral.RiskLevel;
import org.springframework.data.annotation.Id;

/** What the inbox copies from a case onto each of its transfers, and which transfers it has. */
class InboxCaseDocument {

    static final String COLLECTION = "partner_inbox_cases";

    @Id
    String id;
    String reference;
    AgeBand ageBand;
    RiskLevel riskLevel;
    Set<Category> categories;
    List<String> transferIds = new ArrayList<>();
    long version;
}
