package org.relais.embeddedmongo;

import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

import de.bwaldvogel.mongo.bson.Document;

/**
 * Documents read from the file a page of rows at a time, each page continuing after the last row of the one
 * before, so that a walk over a large collection or index range never holds more than one page.
 */
abstract class PagedDocuments implements Iterator<Document> {

    private final int pageSize;
    private Iterator<Document> page = Collections.emptyIterator();
    private boolean exhausted;

    PagedDocuments(int pageSize) {
        this.pageSize = pageSize;
    }

    /** The next page's documents (at most the page size), remembering where it ended; fewer when none follow. */
    protected abstract List<Document> nextPage();

    @Override
    public boolean hasNext() {
        if (!page.hasNext() && !exhausted) {
            List<Document> documents = nextPage();
            exhausted = documents.size() < pageSize;
            page = documents.iterator();
        }
        return page.hasNext();
    }

    @Override
    public Document next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        return page.next();
    }
}
