package org.relais.app.http.problem;

import org.relais.core.api.ErrorCode;

/**
 * A resource that does not exist, or that the reader may not know exists: both answer 404, with
 * {@link ErrorCode#NOT_FOUND} or a more precise code of that kind.
 */
public class NotFoundException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final ErrorCode code;

    public NotFoundException() {
        this(ErrorCode.NOT_FOUND);
    }

    public NotFoundException(ErrorCode code) {
        super(null, null, false, false);
        this.code = code;
    }

    ErrorCode code() {
        return code;
    }
}
