package org.relais.projections.support;

import java.util.List;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;

/** Declares every projection's indexes on its active generation at start, before the processors write. */
@Component
class ProjectionIndexes implements SmartInitializingSingleton {

    private final List<BatchProjection> projections;
    private final ProjectionGenerations generations;

    ProjectionIndexes(List<BatchProjection> projections, ProjectionGenerations generations) {
        this.projections = projections;
        this.generations = generations;
    }

    @Override
    public void afterSingletonsInstantiated() {
        projections.forEach(projection -> projection.declareIndexes(generations.active(projection.name())));
    }
}
