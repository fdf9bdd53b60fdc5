package org.relais.app.notifications;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * E-mail notifications, on as soon as {@code spring.mail.host} is set.
 *
 * @param publicUrl    the address people open Relais at, for the links in mails
 * @param from         the sender address
 * @param coordinators who is told about the transfers of a case nobody is assigned to (declined, refused, overdue,
 *                     completed, a partner's message), and of an assigned case whose coordinator has no address
 * @param users        per coordinator's username, their own address: told about the cases assigned to them
 * @param partners     per partner id, the addresses of its liaisons (told about new transfers and reminders)
 * @param sendInterval how often pending mails are sent or retried
 * @param maxBackoff   the longest wait between two attempts while the SMTP server is down
 */
@ConfigurationProperties("relais.notifications")
public record NotificationProperties(@DefaultValue("http://localhost:8080") String publicUrl,
                                     @DefaultValue("relais@localhost") String from,
                                     @DefaultValue List<String> coordinators,
                                     @DefaultValue Map<String, String> users,
                                     @DefaultValue Map<String, List<String>> partners,
                                     @DefaultValue("PT2S") Duration sendInterval,
                                     @DefaultValue("PT10M") Duration maxBackoff) {
}
