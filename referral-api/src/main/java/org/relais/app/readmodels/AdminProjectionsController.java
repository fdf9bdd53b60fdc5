package org.relais.app.readmodels;

import io.swagger.v3.oas.annotations.Operation;
import java.util.List;

import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.relais.core.api.admin.FindProjectionsQuery;
import org.relais.core.api.admin.ProjectionStatusView;
import org.relais.core.api.admin.RebuildProgressView;
import org.relais.projections.rebuild.ProjectionRebuilder;
import org.relais.app.consistency.ReadsFrom;
import org.relais.app.http.problem.NotFoundException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Read-model operations for administrators. Status is a query; a rebuild is an operation of the read side (not a
 * command of the domain), so it is asked of the rebuilder itself, which answers at once and works in the
 * background: 202 with the progress to follow at GET.
 */
@RestController
@RequestMapping(path = "/api/admin/projections", produces = MediaType.APPLICATION_JSON_VALUE)
@PreAuthorize("hasRole('ADMIN')")
class AdminProjectionsController {

    private final QueryGateway queries;
    private final ProjectionRebuilder rebuilder;

    AdminProjectionsController(QueryGateway queries, ProjectionRebuilder rebuilder) {
        this.queries = queries;
        this.rebuilder = rebuilder;
    }

    @Operation(summary = "The read models, their generation, position and lag (admin)")
    @ReadsFrom({})
    @GetMapping
    List<ProjectionStatusView> projections() {
        return queries.query(new FindProjectionsQuery(), ResponseTypes.multipleInstancesOf(ProjectionStatusView.class))
                .join();
    }

    @Operation(summary = "Rebuild a read model into a new generation while the old one answers, then switch (admin)")
    @PostMapping("/{name}/rebuild")
    ResponseEntity<RebuildProgressView> rebuild(@PathVariable String name) {
        if (!rebuilder.exists(name)) {
            throw new NotFoundException();
        }
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(rebuilder.start(name));
    }
}
