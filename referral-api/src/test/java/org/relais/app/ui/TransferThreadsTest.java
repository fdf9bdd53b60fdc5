package org.relais.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.relais.core.api.referral.TransferState;
import org.relais.app.referral.ReferralResponse;

class TransferThreadsTest {

    @Test
    void each_replacement_follows_the_transfer_it_replaced_and_threads_keep_their_order() {
        ReferralResponse.Transfer platform = transfer("t-1", null, "t-3");
        ReferralResponse.Transfer police = transfer("t-2", null, null);
        ReferralResponse.Transfer helpline = transfer("t-3", "t-1", "t-4");
        ReferralResponse.Transfer association = transfer("t-4", "t-3", null);

        assertThat(TransferThreads.ordered(List.of(platform, police, helpline, association)))
                .extracting(ReferralResponse.Transfer::transferId).containsExactly("t-1", "t-3", "t-4", "t-2");
    }

    @Test
    void a_replacement_whose_predecessor_is_not_shown_starts_its_own_thread() {
        ReferralResponse.Transfer replacement = transfer("t-3", "t-1", null);

        assertThat(TransferThreads.ordered(List.of(replacement))).containsExactly(replacement);
    }

    private static ReferralResponse.Transfer transfer(String id, String from, String to) {
        return new ReferralResponse.Transfer(id, "p-" + id, null, null, null, TransferState.DECLINED, Set.of(), null,
                null, null, false, false, null, null, null, null, null, null, false, from, to, null, null, null, null);
    }
}
