package org.relais.app.readside;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * When the embedded read side's file had to be replaced by an empty one while running (it failed and could not be
 * reopened), the processors' positions went with it: each processor is stopped and started again, so that it reads
 * its (now missing) token afresh and rebuilds its read model from the event store. After a plain reopening nothing
 * is needed: a processor whose batch failed retries from its stored token by itself.
 */
@Component
class ReadSideLossRecovery implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ReadSideLossRecovery.class);

    private final ObjectProvider<EmbeddedReadSideStore> store;
    private final ObjectProvider<EventProcessingConfiguration> processing;
    private volatile boolean running;

    ReadSideLossRecovery(ObjectProvider<EmbeddedReadSideStore> store,
                         ObjectProvider<EventProcessingConfiguration> processing) {
        this.store = store;
        this.processing = processing;
    }

    @Override
    public void start() {
        EmbeddedReadSideStore embedded = store.getIfAvailable();
        if (embedded != null && embedded.file() != null) {
            embedded.file().onReopened(emptied -> {
                if (emptied && running) {
                    restartProcessors();
                }
            });
        }
        running = true;
    }

    private void restartProcessors() {
        EventProcessingConfiguration configuration = processing.getIfAvailable();
        if (configuration == null) {
            return;
        }
        log.warn("The embedded read side was replaced by an empty file; every processor restarts to rebuild its read "
                + "model from the event store");
        for (EventProcessor processor : configuration.eventProcessors().values()) {
            processor.shutDown();
            processor.start();
        }
    }

    @Override
    public void stop() {
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
