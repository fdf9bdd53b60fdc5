package org.relais.app.referral;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.relais.core.api.referral.HostingService;

/** The service hosting the content of a removal: its name, and its partner id when it is a partner. */
record HostingServiceRequest(@NotBlank @Size(max = 200) String name,
                             @Pattern(regexp = Ids.PATTERN, message = "{relais.validation.partnerId}") String partnerId) {

    static HostingService toHostingService(HostingServiceRequest request) {
        return request == null ? null : new HostingService(request.name(), request.partnerId());
    }
}
