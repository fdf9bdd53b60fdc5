package org.relais.web.integrity;

/**
 * The result of walking the chain against the event store.
 *
 * @param valid         every chained event matches its entry, and no stored event is missing from the chain
 * @param checked       how many chain entries were checked
 * @param firstBrokenAt the global index of the first event that does not match (null when valid)
 * @param reason        what was wrong there, without any event content
 */
public record ChainVerification(boolean valid, long checked, Long firstBrokenAt, String reason) {
}
