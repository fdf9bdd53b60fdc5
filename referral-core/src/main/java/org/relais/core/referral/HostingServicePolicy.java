package org.relais.core.referral;

import static org.relais.core.referral.Rejections.require;

import org.relais.core.api.ErrorCode;
import org.relais.core.api.referral.HostingService;
import org.relais.core.api.PartnerKind;
import org.relais.core.api.TransferPurpose;
import org.relais.core.partner.PartnerTerms;

/**
 * A trusted flagger's notice is addressed to the service that hosts the content, which is not always the partner the
 * case goes to (a helpline relays notices to services that are no partner). A content removal must therefore name
 * it, unless the partner is itself an online platform, which then hosts the content; other purposes name none.
 */
final class HostingServicePolicy {

    private HostingServicePolicy() {
    }

    /** The hosting service the request's notices are addressed to, null for purposes other than content removal. */
    static HostingService resolve(TransferPurpose purpose, HostingService named, PartnerTerms partner) {
        if (purpose != TransferPurpose.CONTENT_REMOVAL) {
            require(named == null, ErrorCode.HOSTING_SERVICE_NOT_FOR_PURPOSE,
                    "Only a content removal names a hosting service.");
            return null;
        }
        if (named != null && !Rejections.isBlank(named.name())) {
            require(named.name().strip().length() <= 200, ErrorCode.INVALID_INPUT,
                    "A hosting service's name is at most 200 characters.");
            return new HostingService(named.name().strip(), blankToNull(named.partnerId()));
        }
        require(partner.kind() == PartnerKind.ONLINE_PLATFORM, ErrorCode.HOSTING_SERVICE_REQUIRED,
                "A content removal names the hosting service of the content.");
        return new HostingService(partner.name() != null ? partner.name() : partner.partnerId(), partner.partnerId());
    }

    private static String blankToNull(String value) {
        return Rejections.isBlank(value) ? null : value.strip();
    }
}
