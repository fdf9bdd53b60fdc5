package org.relais.projections.notifications;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.relais.core.api.query.NotificationKind;
import org.relais.core.api.query.NotificationView;
import org.springframework.data.annotation.Id;

/**
 * One notification ({@code _id} = the id of the event it tells about). {@code recipients} holds the coordinator the
 * case was assigned to when it happened, or {@link #ALL_COORDINATORS}; {@code readBy} the coordinators who marked it
 * read.
 */
class NotificationDocument {

    static final String COLLECTION = "notifications";
    static final String ALL_COORDINATORS = "*";

    @Id
    String id;
    String referralId;
    String reference;
    NotificationKind kind;
    String partnerId;
    String transferId;
    Instant at;
    List<String> recipients = new ArrayList<>();
    List<String> readBy = new ArrayList<>();

    NotificationView toView(String reader) {
        return new NotificationView(id, referralId, reference, kind, partnerId, transferId, at,
                readBy != null && readBy.contains(reader));
    }
}
