package org.relais.projections.support;

import java.util.List;

import com.mongodb.client.model.IndexModel;
import com.mongodb.client.model.IndexOptions;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;

/**
 * Declares a collection's indexes in one {@code createIndexes} command rather than one command each: MongoDB builds
 * the indexes of one command in a single scan of the collection, which matters when a rebuilt generation declares
 * them over the documents its replay wrote (the case list has 37). The embedded read side builds them one after the
 * other, each in one pass with its keys put in order, which on its store is the cheaper way.
 */
public final class IndexDeclarations {

    private IndexDeclarations() {
    }

    public static void declare(MongoTemplate mongo, String collection, List<Index> indexes) {
        mongo.getCollection(collection).createIndexes(indexes.stream().map(IndexDeclarations::model).toList());
    }

    /** Names, uniqueness and sparseness are the only options the read models use; any other is refused. */
    private static IndexModel model(Index index) {
        Document given = index.getIndexOptions();
        IndexOptions options = new IndexOptions();
        for (String option : given.keySet()) {
            switch (option) {
                case "name" -> options.name(given.getString(option));
                case "unique" -> options.unique(given.getBoolean(option));
                case "sparse" -> options.sparse(given.getBoolean(option));
                default -> throw new IllegalArgumentException("unsupported index option: " + option);
            }
        }
        return new IndexModel(index.getIndexKeys(), options);
    }
}
