package org.relais.app.backup;

import java.net.URI;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import org.relais.core.api.ErrorCode;
import org.relais.app.consistency.ReadsFrom;
import org.relais.app.http.problem.NotFoundException;
import org.relais.app.http.problem.Problems;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Backups of the embedded default, for administrators. */
@RestController
@RequestMapping(path = "/api/admin/backups", produces = MediaType.APPLICATION_JSON_VALUE)
@PreAuthorize("hasRole('ADMIN')")
class BackupController {

    private final Backups backups;
    private final Problems problems;

    BackupController(Backups backups, Problems problems) {
        this.backups = backups;
        this.problems = problems;
    }

    @PostMapping
    @Operation(summary = "Take an online backup of the embedded event store now, while intake goes on; answers its "
            + "manifest (admin; 409 BACKUP_OF_EXTERNAL_DATABASE with an external database)")
    ResponseEntity<BackupManifest> take() {
        BackupManifest manifest = backups.take();
        return ResponseEntity.created(URI.create("/api/admin/backups/" + manifest.name())).body(manifest);
    }

    @GetMapping
    @ReadsFrom({})
    @Operation(summary = "The backups the embedded default took into relais.backup.dir, newest first, with their "
            + "manifests (admin)")
    List<BackupManifest> list() {
        return backups.list();
    }

    @GetMapping("/{name}")
    @ReadsFrom({})
    @Operation(summary = "One backup's manifest (admin)")
    BackupManifest one(@PathVariable String name) {
        return backups.find(name).orElseThrow(NotFoundException::new);
    }

    @ExceptionHandler(Backups.ExternalDatabaseException.class)
    ResponseEntity<ProblemDetail> externalDatabase() {
        ProblemDetail problem = problems.of(ErrorCode.BACKUP_OF_EXTERNAL_DATABASE, LocaleContextHolder.getLocale());
        return ResponseEntity.status(problem.getStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }
}
