package org.relais.app.upgrade;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;

import javax.sql.DataSource;

import org.relais.core.api.admin.RebuildProgressView;
import org.relais.core.privacy.SafeTrace;
import org.relais.projections.rebuild.ProjectionRebuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;

/**
 * A read side of an older shape that was not emptied before it opened (an external MongoDB): once the application
 * has started, every read model is rebuilt from the event store into a new generation by the
 * {@link ProjectionRebuilder} (the older one answers meanwhile), and the record's shape is raised only when every
 * rebuild is done, so that a stop halfway through rebuilds again at the next start.
 */
class ReadSideShapeRebuild {

    private static final Logger log = LoggerFactory.getLogger(ReadSideShapeRebuild.class);

    private final ObjectProvider<ProjectionRebuilder> rebuilder;
    private final ObjectProvider<DataSource> dataSource;
    private volatile int from;
    private volatile int to;
    private volatile boolean needed;

    ReadSideShapeRebuild(ObjectProvider<ProjectionRebuilder> rebuilder, ObjectProvider<DataSource> dataSource) {
        this.rebuilder = rebuilder;
        this.dataSource = dataSource;
    }

    void needed(int from, int to) {
        this.from = from;
        this.to = to;
        this.needed = true;
    }

    @EventListener(ApplicationReadyEvent.class)
    void rebuildIfNeeded() {
        ProjectionRebuilder projections = rebuilder.getIfAvailable();
        if (!needed || projections == null) {
            return;
        }
        DataSource database = dataSource.getObject();
        long events;
        try (Connection connection = database.getConnection()) {
            events = DataDirectoryUpgrade.eventCount(connection);
        } catch (SQLException e) {
            events = -1;
        }
        log.info("Read side shape {} -> {}: rebuilding from {} events, each read model into a new generation",
                from, to, events);
        List<String> names = projections.names();
        names.forEach(projections::start);
        Thread waiting = new Thread(() -> awaitAndRecord(projections, names, database), "read-side-shape-rebuild");
        waiting.setDaemon(true);
        waiting.start();
    }

    private void awaitAndRecord(ProjectionRebuilder projections, List<String> names, DataSource database) {
        try {
            for (String name : names) {
                RebuildProgressView done = projections.await(name, Duration.ofHours(24));
                if (!"DONE".equals(done.state())) {
                    log.error("Read side shape {} -> {}: the rebuild of {} ended {}; it is tried again at the next "
                            + "start", from, to, name, done.state());
                    return;
                }
            }
            try (Connection connection = database.getConnection();
                 PreparedStatement update = connection.prepareStatement("UPDATE " + DataRecord.TABLE
                         + " SET item_value = ? WHERE item = ?")) {
                update.setString(1, Integer.toString(to));
                update.setString(2, DataRecord.READ_SIDE_SHAPE);
                update.executeUpdate();
            }
            log.info("Read side shape {} -> {}: every read model rebuilt; recorded", from, to);
        } catch (Exception e) {
            log.error("Read side shape {} -> {}: the rebuild failed ({}); it is tried again at the next start", from,
                    to, SafeTrace.of(e));
        }
    }
}
