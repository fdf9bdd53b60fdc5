package org.relais.app.http.idempotency;

import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.relais.core.api.ActorMetadata;
import org.relais.core.api.CommandResult;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Writes the idempotency record of a command inside the command's own unit of work, in the same database
 * transaction as its events: both are stored, or neither. A concurrent duplicate (same user and key) fails on the
 * record's primary key and its events roll back with it; the web edge then answers it with the first response.
 */
@Component
class IdempotencyInterceptor implements SmartInitializingSingleton {

    static final String KEY = "relaisIdempotencyKey";
    static final String REQUEST_HASH = "relaisRequestHash";

    private final CommandBus commandBus;
    private final IdempotencyRecords records;

    IdempotencyInterceptor(CommandBus commandBus, IdempotencyRecords records) {
        this.commandBus = commandBus;
        this.records = records;
    }

    /**
     * Registered here, once, rather than exposed as an interceptor bean: Axon's auto-configuration would register
     * such a bean a second time.
     */
    @Override
    public void afterSingletonsInstantiated() {
        MessageHandlerInterceptor<CommandMessage<?>> interceptor = this::recordKey;
        commandBus.registerHandlerInterceptor(interceptor);
    }

    private Object recordKey(UnitOfWork<? extends CommandMessage<?>> unitOfWork, InterceptorChain chain)
            throws Exception {
        Object result = chain.proceed();
        MetaData metaData = unitOfWork.getMessage().getMetaData();
        if (metaData.get(KEY) instanceof String key && result instanceof CommandResult stored) {
            if (!TransactionSynchronizationManager.isActualTransactionActive()) {
                // Without the command's transaction the record could outlive events that failed to store.
                throw new IllegalStateException("an idempotency record needs the command's transaction");
            }
            records.insert((String) metaData.get(ActorMetadata.USER), key, (String) metaData.get(REQUEST_HASH), stored);
        }
        return result;
    }
}
