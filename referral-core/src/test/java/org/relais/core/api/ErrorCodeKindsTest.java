package org.relais.core.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The contract answers 400 for the shape of a request and 409 for a broken rule. A code that depends on what is stored
 * (the case, the transfer, the partner's kind or agreement) is a rule; only a request that is wrong on its own is
 * invalid. A new code of the INVALID kind has to be added here on purpose, with that reading in mind.
 */
class ErrorCodeKindsTest {

    /** Wrong on their own: a missing or malformed member, terms that contradict themselves, a duplicate naming none. */
    private static final Set<ErrorCode> SHAPE_OF_THE_REQUEST = EnumSet.of(ErrorCode.INVALID_INPUT,
            ErrorCode.MALFORMED_REQUEST, ErrorCode.AGREEMENT_INVALID, ErrorCode.DUPLICATE_OF_REQUIRED);

    @Test
    void only_the_shape_of_a_request_is_invalid_input() {
        Set<ErrorCode> invalid = Arrays.stream(ErrorCode.values()).filter(code -> code.kind() == ErrorCode.Kind.INVALID)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(ErrorCode.class)));

        assertThat(invalid).isEqualTo(SHAPE_OF_THE_REQUEST);
    }

    @Test
    void a_reason_an_outcome_or_a_hosting_service_that_a_rule_requires_is_a_conflict() {
        assertThat(EnumSet.of(ErrorCode.REASON_REQUIRED, ErrorCode.OUTCOME_NOT_ALLOWED_FOR_PURPOSE,
                ErrorCode.STATEMENT_OF_REASONS_REQUIRED, ErrorCode.HOSTING_SERVICE_REQUIRED,
                ErrorCode.HOSTING_SERVICE_NOT_FOR_PURPOSE, ErrorCode.NOTICE_ACTED_BEFORE_SENT,
                ErrorCode.AMENDMENT_SIGNED_BEFORE_AGREEMENT))
                .allSatisfy(code -> assertThat(code.kind()).as(code.name()).isEqualTo(ErrorCode.Kind.CONFLICT));
    }
}
