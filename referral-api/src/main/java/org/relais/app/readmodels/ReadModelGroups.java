package org.relais.app.readmodels;

import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

import org.axonframework.config.ProcessingGroup;
import org.relais.app.consistency.ReadModelNames;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.stereotype.Component;
import org.springframework.util.function.SingletonSupplier;

/**
 * The processing groups of the read models: those of the event handlers in the read-model module
 * ({@code org.relais.projections}). Read from the bean definitions, so a new read model joins them by being written
 * there; the other handlers (audit chain, deadlines, mail outbox, erasure) live in the application and keep their
 * own processors.
 */
@Component
public class ReadModelGroups implements ReadModelNames {

    private static final String READ_MODEL_PACKAGE = "org.relais.projections.";

    private final Supplier<Set<String>> names;

    ReadModelGroups(ListableBeanFactory beans) {
        this.names = SingletonSupplier.of(() -> {
            Set<String> groups = new TreeSet<>();
            for (String bean : beans.getBeanNamesForAnnotation(ProcessingGroup.class)) {
                Class<?> type = beans.getType(bean);
                ProcessingGroup group = beans.findAnnotationOnBean(bean, ProcessingGroup.class);
                if (type != null && group != null && type.getName().startsWith(READ_MODEL_PACKAGE)) {
                    groups.add(group.value());
                }
            }
            return Set.copyOf(groups);
        });
    }

    /** In no particular order; resolved on first use, once every bean is defined. */
    @Override
    public Set<String> names() {
        return names.get();
    }

    public boolean contains(String group) {
        return names().contains(group);
    }
}
