package org.relais.app.messaging;

import java.util.Optional;

import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.modelling.command.AnnotationCommandTargetResolver;
import org.axonframework.modelling.command.CommandTargetResolver;
import org.axonframework.modelling.command.ConflictingAggregateVersionException;
import org.axonframework.modelling.command.VersionedAggregateIdentifier;

/**
 * {@code @TargetAggregateVersion} without touching the command records: the version a client expects (its
 * {@code If-Match}) travels in the command's metadata, and this resolver hands it to Axon with the aggregate id.
 * Axon's repository then loads the aggregate under its lock and refuses the command, inside the same unit of work,
 * if the stored version differs (ConflictingAggregateVersionException, 409 VERSION_CONFLICT); an event appended
 * meanwhile by another instance makes the append itself fail on the (aggregate, sequence) key. Check and append are
 * thus one transaction.
 *
 * <p>A stale version is also refused before the handler runs, so the client learns of the conflict rather than of
 * a rule broken by a state it has not seen (Axon alone would let the handler decide first and refuse at commit).
 */
public final class ExpectedVersion implements CommandTargetResolver {

    public static final String METADATA_KEY = "relaisExpectedVersion";

    private final CommandTargetResolver identifiers = AnnotationCommandTargetResolver.builder().build();
    private final EventStore eventStore;

    public ExpectedVersion(EventStore eventStore) {
        this.eventStore = eventStore;
    }

    @Override
    public VersionedAggregateIdentifier resolveTarget(CommandMessage<?> command) {
        VersionedAggregateIdentifier target = identifiers.resolveTarget(command);
        if (target == null || !(command.getMetaData().get(METADATA_KEY) instanceof Long expected)) {
            return target;
        }
        Optional<Long> current = eventStore.lastSequenceNumberFor(target.getIdentifier());
        if (current.isPresent() && !current.get().equals(expected)) {
            throw new ConflictingAggregateVersionException(target.getIdentifier(), expected, current.get());
        }
        return new VersionedAggregateIdentifier(target.getIdentifier(), expected);
    }
}
