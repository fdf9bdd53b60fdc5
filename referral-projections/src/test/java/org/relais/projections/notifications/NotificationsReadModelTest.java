package org.relais.projections.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.relais.core.api.ActorMetadata;
import org.relais.core.api.referral.ConversationSide;
import org.relais.core.api.referral.CoordinatorAssignedEvent;
import org.relais.core.api.query.FindNotificationQuery;
import org.relais.core.api.query.FindNotificationsQuery;
import org.relais.core.api.query.NotificationKind;
import org.relais.core.api.access.NotificationReadEvent;
import org.relais.core.api.query.NotificationView;
import org.relais.core.api.referral.RiskLevel;
import org.relais.core.api.referral.TransferAcknowledgementOverdueEvent;
import org.relais.core.api.referral.TransferMessagePostedEvent;
import org.relais.core.api.referral.TransferOutcome;
import org.relais.projections.testing.Cases;
import org.relais.projections.testing.History;
import org.relais.projections.testing.ReadSide;

/**
 * What coordinators are told: each notification goes to the coordinator the case is assigned to at that moment, or to
 * every coordinator while nobody is, and is read by whom it was read by.
 */
class NotificationsReadModelTest {

    private static final Map<String, String> ALICE = Map.of(ActorMetadata.USER, "alice", ActorMetadata.ROLE,
            "COORDINATOR");

    private final ReadSide readSide = ReadSide.embedded();
    private final History history = new History(readSide.generations(), Instant.parse("2026-03-02T10:00:00Z"));
    private final NotificationsProjection notifications = readSide.started(
            new NotificationsProjection(readSide.context()));
    private final Cases cases = new Cases(history.feeding(notifications));

    @AfterEach
    void close() {
        readSide.close();
    }

    @Test
    void notifications_go_to_the_assigned_coordinator_or_to_all_and_are_marked_read() {
        String id = cases.withConsent(RiskLevel.MODERATE);
        cases.removal(id, "t-1", Cases.PLATFORM);
        history.advance(Duration.ofMinutes(1));
        cases.decline(id, "t-1", Cases.PLATFORM);
        history.referral(id, new CoordinatorAssignedEvent(id, "alice"), ALICE);
        cases.removal(id, "t-2", Cases.HELPLINE);
        history.advance(Duration.ofMinutes(1));
        history.referral(id, new TransferMessagePostedEvent(id, "t-2", Cases.HELPLINE, "m-1",
                ConversationSide.PARTNER, "v2:question"), History.liaison("helpline", Cases.HELPLINE));
        history.referral(id, new TransferMessagePostedEvent(id, "t-2", Cases.HELPLINE, "m-2",
                ConversationSide.COORDINATION, "v2:answer"), ALICE);
        history.advance(Duration.ofMinutes(1));
        cases.complete(id, "t-2", Cases.HELPLINE, TransferOutcome.REFUSED);
        history.project();

        assertThat(unread("bob")).extracting(NotificationView::kind)
                .containsExactly(NotificationKind.TRANSFER_DECLINED);
        assertThat(unread("alice")).extracting(NotificationView::kind).containsExactly(
                NotificationKind.TRANSFER_REFUSED, NotificationKind.PARTNER_MESSAGE,
                NotificationKind.TRANSFER_DECLINED);

        NotificationView refused = unread("alice").get(0);
        history.append("Notification", refused.notificationId(), new NotificationReadEvent(refused.notificationId()),
                ALICE);
        history.project();
        assertThat(unread("alice")).hasSize(2);
        assertThat(notifications.handle(new FindNotificationQuery(refused.notificationId(), "alice")).orElseThrow()
                .read()).isTrue();
        assertThat(notifications.handle(new FindNotificationQuery(refused.notificationId(), "bob"))).isEmpty();

        var once = notifications.handle(new FindNotificationsQuery("alice", 10));
        notifications.apply(history.all(), readSide.generations().active(notifications.name()));
        assertThat(notifications.handle(new FindNotificationsQuery("alice", 10)))
                .as("every event delivered again changes nothing").isEqualTo(once);
    }

    @Test
    void an_overdue_acknowledgement_and_a_completion_are_told_to_whom_follows_the_case_then() {
        String id = cases.withConsent(RiskLevel.HIGH);
        cases.removal(id, "t-1", Cases.PLATFORM);
        history.advance(Cases.SLA);
        history.referral(id, new TransferAcknowledgementOverdueEvent(id, "t-1", Cases.PLATFORM, history.now()),
                History.SYSTEM);
        history.advance(Duration.ofMinutes(1));
        history.referral(id, new CoordinatorAssignedEvent(id, "alice"), ALICE);
        cases.acknowledge(id, "t-1", Cases.PLATFORM);
        cases.accept(id, "t-1", Cases.PLATFORM);
        history.advance(Duration.ofMinutes(1));
        cases.complete(id, "t-1", Cases.PLATFORM, TransferOutcome.CONTENT_REMOVED);
        history.project();

        NotificationView overdue = unread("bob").get(0);
        assertThat(overdue.kind()).as("nobody followed the case yet: every coordinator")
                .isEqualTo(NotificationKind.TRANSFER_OVERDUE);
        assertThat(overdue.partnerId()).isEqualTo(Cases.PLATFORM);
        assertThat(overdue.transferId()).isEqualTo("t-1");
        assertThat(unread("bob")).extracting(NotificationView::kind)
                .doesNotContain(NotificationKind.TRANSFER_COMPLETED);
        assertThat(unread("alice")).extracting(NotificationView::kind).containsExactly(
                NotificationKind.TRANSFER_COMPLETED, NotificationKind.TRANSFER_OVERDUE);
    }

    private java.util.List<NotificationView> unread(String username) {
        return notifications.handle(new FindNotificationsQuery(username, 10)).items();
    }
}
