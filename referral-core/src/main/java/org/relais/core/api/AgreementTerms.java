package org.relais.core.api;

import java.time.Duration;
import java.time.LocalDate;
import java.util.Set;

/**
 * What a signed agreement with a partner allows: when it is in force ({@code inForceUntil} null = open-ended),
 * which categories and purposes it covers, which personal-data fields the partner may receive, how fast the partner
 * must acknowledge a transfer, and when it is open.
 */
public record AgreementTerms(LocalDate signedOn,
                             LocalDate inForceFrom,
                             LocalDate inForceUntil,
                             Set<Category> categories,
                             Set<TransferPurpose> purposes,
                             Set<ShareableField> shareableFields,
                             Duration acknowledgementSla,
                             ServiceHours serviceHours) {

    public AgreementTerms {
        categories = EnumSets.copyOf(categories, Category.class);
        purposes = EnumSets.copyOf(purposes, TransferPurpose.class);
        shareableFields = EnumSets.copyOf(shareableFields, ShareableField.class);
    }

    public boolean inForceOn(LocalDate day) {
        return !day.isBefore(inForceFrom) && (inForceUntil == null || !day.isAfter(inForceUntil));
    }
}
