package org.relais.projections.support;

import java.util.LinkedHashMap;
import java.util.Map;

import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;

/**
 * A processor's stored positions, read while it does not run (paused for a rebuild's hand-over, or replaced by the
 * shared read-model processor): each segment's token, unwrapped to the position it guarantees, null where the segment
 * never stored one. Each segment is claimed only to be read, and released at once.
 */
public final class StoredTokens {

    private StoredTokens() {
    }

    /** By segment, in the token store's order; throws {@code UnableToClaimTokenException} if one is claimed. */
    public static Map<Segment, TrackingToken> read(TokenStore tokenStore, String processorName) {
        int[] ids = tokenStore.fetchSegments(processorName);
        Map<Segment, TrackingToken> tokens = new LinkedHashMap<>();
        for (int id : ids) {
            tokens.put(Segment.computeSegment(id, ids),
                    WrappedToken.unwrapLowerBound(tokenStore.fetchToken(processorName, id)));
            tokenStore.releaseClaim(processorName, id);
        }
        return tokens;
    }
}
