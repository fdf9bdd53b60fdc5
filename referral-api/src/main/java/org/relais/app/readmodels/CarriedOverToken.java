package org.relais.app.readmodels;

import java.util.Map;
import java.util.Set;

import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.UnableToClaimTokenException;
import org.relais.projections.support.StoredTokens;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the shared read-model processor starts when it has no token yet. On a read side written with one processor
 * per read model (an earlier version, or more segments), each read model's own tokens are still there: the shared
 * processor starts at the lowest of them, so an upgrade re-delivers only what the slowest read model had not handled
 * (which the others ignore, as every projection ignores an event applied twice) instead of replaying the whole
 * history while new cases wait to appear. A processor stores its position only when it handles an event, so a read
 * model of rare events (the partner directory) can hold that start back; what is re-delivered is still only ignored.
 * Without a position for every read model (a new read side, or one that never handled an event) it starts from the
 * beginning, as their own processors would have.
 */
final class CarriedOverToken {

    private static final Logger log = LoggerFactory.getLogger(CarriedOverToken.class);

    private CarriedOverToken() {
    }

    /** The lowest token of the read models' own processors, or null (from the beginning). */
    static TrackingToken lowestOf(TokenStore tokens, Set<String> readModels) {
        TrackingToken lowest = null;
        try {
            for (String readModel : readModels) {
                Map<Segment, TrackingToken> stored = StoredTokens.read(tokens, readModel);
                if (stored.isEmpty() || stored.containsValue(null)) {
                    // no position for that read model or one of its segments: its own processor would start over too
                    return null;
                }
                for (TrackingToken token : stored.values()) {
                    lowest = lowest == null ? token : lowest.lowerBound(token);
                }
            }
        } catch (UnableToClaimTokenException stillClaimed) {
            // an instance of the earlier layout still works on them, or stopped without releasing them less than a
            // claim timeout ago: their position is not settled
            log.info("The read models' own processors' tokens are still claimed; the shared processor replays from "
                    + "the beginning");
            return null;
        }
        if (lowest != null) {
            log.info("The read models now share one processor; it starts where the slowest of their own processors "
                    + "stopped (position {})", lowest.position().orElse(-1));
        }
        return lowest;
    }
}
