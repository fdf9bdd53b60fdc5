package org.relais.core.api.referral;

/**
 * The online service that hosts the content a removal notice is about, to which the notice is addressed under DSA
 * Art. 16/22: its name, and its partner id when the service is itself a partner of the directory (null when the
 * notice is relayed through another partner, such as a helpline, to a service that is not one).
 */
public record HostingService(String name, String partnerId) {
}
