package org.relais.projections.rebuild;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.bson.Document;
import org.relais.projections.support.BatchProjection;
import org.relais.projections.support.CollectionSet;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * The differences between two generations of a projection, document by document: missing, extra, or different
 * (whole documents, minus the fields the projection declares as bookkeeping). At most {@link #SHOWN} are listed.
 */
public record ProjectionComparison(String projection, long documentsCompared, long differenceCount,
                                   List<String> differences) {

    static final int SHOWN = 20;

    public boolean identical() {
        return differenceCount == 0;
    }

    static ProjectionComparison compare(MongoTemplate mongo, BatchProjection projection, CollectionSet left,
                                        CollectionSet right) {
        long compared = 0;
        long count = 0;
        List<String> shown = new ArrayList<>();
        for (String base : projection.collections()) {
            Map<String, Document> a = load(mongo, left.name(base), projection.comparisonIgnores());
            Map<String, Document> b = load(mongo, right.name(base), projection.comparisonIgnores());
            compared += Math.max(a.size(), b.size());
            for (Map.Entry<String, Document> entry : a.entrySet()) {
                Document other = b.remove(entry.getKey());
                String difference = other == null ? "only in the live generation"
                        : entry.getValue().equals(other) ? null
                        : "differs: live " + entry.getValue().toJson() + " / replayed " + other.toJson();
                if (difference != null) {
                    count++;
                    if (shown.size() < SHOWN) {
                        shown.add(base + " " + entry.getKey() + ": " + difference);
                    }
                }
            }
            for (Iterator<String> extra = b.keySet().iterator(); extra.hasNext(); ) {
                String id = extra.next();
                count++;
                if (shown.size() < SHOWN) {
                    shown.add(base + " " + id + ": only in the replayed generation");
                }
            }
        }
        return new ProjectionComparison(projection.name(), compared, count, shown);
    }

    private static Map<String, Document> load(MongoTemplate mongo, String collection, List<String> ignored) {
        Map<String, Document> documents = new TreeMap<>();
        for (Document document : mongo.getCollection(collection).find()) {
            ignored.forEach(document::remove);
            documents.put(String.valueOf(document.get("_id")), document);
        }
        return documents;
    }
}
