package org.relais.embeddedmongo;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.AbstractMongoBackend;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.exception.MongoServerError;
import de.bwaldvogel.mongo.wire.message.MongoQuery;
import io.netty.channel.Channel;

/**
 * mongo-java-server's backend over one SQLite file ({@link SqliteFile}): every write command is one transaction, so
 * a crash leaves each command's documents and index entries all written or none; reads run on their own
 * connections. After a failure of the file every command is refused, until {@link EmbeddedMongoStore} reopens it.
 */
final class SqliteBackend extends AbstractMongoBackend {

    /** Commands that change documents, collections or indexes. */
    private static final Set<String> WRITES = Set.of("insert", "update", "delete", "findandmodify", "create",
            "createindexes", "drop", "dropindexes", "deleteindexes", "dropdatabase", "renamecollection");

    private final SqliteFile file;
    private final Sql sql;

    SqliteBackend(SqliteFile file) {
        this.file = file;
        this.sql = new Sql(file);
        file.inWrite(() -> {
            storedDatabaseNames().forEach(this::resolveDatabase);
            return null;
        });
    }

    /** The databases the file holds: the prefixes of its collection tables ({@code c:database.collection}). */
    private Set<String> storedDatabaseNames() {
        Set<String> names = new TreeSet<>();
        for (String table : sql.list("SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'c:%'",
                row -> row.getString(1))) {
            String fullName = table.substring(2);
            int dot = fullName.indexOf('.');
            if (dot > 0) {
                names.add(fullName.substring(0, dot));
            }
        }
        return names;
    }

    SqliteFile file() {
        return file;
    }

    @Override
    protected MongoDatabase openOrCreateDatabase(String databaseName) {
        return new SqliteDatabase(databaseName, getCursorRegistry(), sql);
    }

    /**
     * A command refused because the file failed is answered with MongoDB's "shutdown in progress" error document (a
     * client retries those), rather than thrown: the server would log each refusal with its stack trace.
     */
    @Override
    public Document handleCommand(Channel channel, String databaseName, String command, Document query) {
        try {
            if (isWrite(command, query)) {
                return file.inWrite(() -> super.handleCommand(channel, databaseName, command, query));
            }
            return file.inRead(() -> super.handleCommand(channel, databaseName, command, query));
        } catch (StoreFailure e) {
            return new Document("ok", 0.0).append("errmsg", refused(e).getMessageWithoutErrorCode())
                    .append("code", SHUTDOWN_IN_PROGRESS).append("codeName", "ShutdownInProgress");
        }
    }

    @Override
    public QueryResult handleQuery(MongoQuery query) {
        try {
            return file.inWrite(() -> super.handleQuery(query));
        } catch (StoreFailure e) {
            throw refused(e);
        }
    }

    @Override
    public void dropDatabase(String databaseName) {
        try {
            file.inWrite(() -> {
                super.dropDatabase(databaseName);
                return null;
            });
        } catch (StoreFailure e) {
            throw refused(e);
        }
    }

    private static final int SHUTDOWN_IN_PROGRESS = 91;

    private static MongoServerError refused(StoreFailure failure) {
        return new MongoServerError(SHUTDOWN_IN_PROGRESS, "ShutdownInProgress",
                "the embedded store failed and is being reopened (" + failure.getMessage() + ")");
    }

    private static boolean isWrite(String command, Document query) {
        String name = command.toLowerCase(Locale.ROOT);
        if (WRITES.contains(name)) {
            return true;
        }
        if ("aggregate".equals(name) && query.get("pipeline") instanceof List<?> stages) {
            return stages.stream().anyMatch(stage -> stage instanceof Document step
                    && (step.containsKey("$out") || step.containsKey("$merge")));
        }
        return false;
    }

    @Override
    public void close() {
        try {
            super.close();
        } finally {
            file.close();
        }
    }
}
