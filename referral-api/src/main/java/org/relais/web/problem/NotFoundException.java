package org.relais.web.problem;

/** A resource that does not exist, or that the reader may not know exists: both answer 404. */
public class NotFoundException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public NotFoundException() {
        super(null, null, false, false);
    }
}
