package io.licenseledger.command.alerts;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.licenseledger.events.project.AlertRecipientsChanged;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Instant;
import java.util.List;

import static io.licenseledger.command.alerts.Alerts.PROJECT;
import static org.assertj.core.api.Assertions.assertThat;

/** E-mail delivery to a GreenMail SMTP server on 127.0.0.1, through Spring's JavaMailSender. */
class EmailDeliveryTest {

    @RegisterExtension
    static final GreenMailExtension SMTP = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    private static final Instant RAISED = Instant.parse("2026-03-01T10:00:00Z");

    private final MutableClock clock = new MutableClock(RAISED);
    private final AlertDatabase db = new AlertDatabase();
    private final DeliveryTable deliveries = new DeliveryTable(db.jdbc);
    private final AlertDeliveryProjection projection = new AlertDeliveryProjection(new RecipientTable(db.jdbc),
            deliveries);

    @AfterEach
    void closeDatabase() {
        db.close();
    }

    @Test
    void anAlertIsMailedToEachAddressWithItsKindAndProjectInTheSubject() throws Exception {
        projection.on(new AlertRecipientsChanged(PROJECT, List.of(), List.of("ops@example.com", "cfo@example.com")));
        projection.on(Alerts.quota80(PROJECT, RAISED));

        assertThat(worker(mailSender(SMTP.getSmtp().getPort())).deliverDue()).isEqualTo(2);

        MimeMessage[] received = SMTP.getReceivedMessages();
        assertThat(received).hasSize(2);
        assertThat(received).extracting(message -> message.getRecipients(Message.RecipientType.TO)[0].toString())
                .containsExactlyInAnyOrder("ops@example.com", "cfo@example.com");
        MimeMessage message = received[0];
        assertThat(message.getSubject()).isEqualTo("[License Ledger] QUOTA_THRESHOLD for project prj_alerts");
        assertThat(message.getFrom()[0].toString()).isEqualTo("ledger@example.com");
        assertThat(message.getContent().toString())
                .contains("Use of PER_USAGE crossed 80 % of its quota (800 of 1000).")
                .contains("Project:      prj_alerts")
                .contains("Raised at:    2026-03-01T10:00:00Z")
                .contains("Alert id:     QUOTA_THRESHOLD:PER_USAGE:80:term-2026");
        assertThat(deliveries.page(PROJECT, 0, 10).deliveries()).allSatisfy(delivery -> {
            assertThat(delivery.channel()).isEqualTo(Channel.EMAIL);
            assertThat(delivery.status()).isEqualTo(DeliveryStatus.DELIVERED);
            assertThat(delivery.history()).singleElement().satisfies(attempt -> {
                assertThat(attempt.result()).isEqualTo("accepted by the SMTP server");
                assertThat(attempt.httpStatus()).isNull();
            });
        });
    }

    @Test
    void withoutAnSmtpServerConfiguredAnEmailDeliveryFailsWithAClearReason() {
        projection.on(new AlertRecipientsChanged(PROJECT, List.of(), List.of("ops@example.com")));
        projection.on(Alerts.expiry7(PROJECT, RAISED));

        worker(null).deliverDue();

        AlertDeliveries.Delivery delivery = deliveries.page(PROJECT, 0, 10).deliveries().get(0);
        assertThat(delivery.status()).isEqualTo(DeliveryStatus.FAILED);
        assertThat(delivery.attempts()).isOne();
        assertThat(delivery.lastResult()).isEqualTo("e-mail is not configured on this server: set spring.mail.host");
        assertThat(SMTP.getReceivedMessages()).isEmpty();
    }

    @Test
    void anSmtpServerThatCannotBeReachedIsRetried() throws IOException {
        projection.on(new AlertRecipientsChanged(PROJECT, List.of(), List.of("ops@example.com")));
        projection.on(Alerts.expiry7(PROJECT, RAISED));

        worker(mailSender(freePort())).deliverDue();

        AlertDeliveries.Delivery delivery = deliveries.page(PROJECT, 0, 10).deliveries().get(0);
        assertThat(delivery.status()).isEqualTo(DeliveryStatus.PENDING);
        assertThat(delivery.lastResult()).startsWith("SMTP error: ");
        assertThat(delivery.nextAttemptAt()).isEqualTo(RAISED.plusSeconds(2));
    }

    @Test
    void theMailSenderGetsTimeoutsUnlessTheyAreConfigured() {
        JavaMailSenderImpl sender = mailSender(25);
        sender.getJavaMailProperties().setProperty("mail.smtp.timeout", "1234");

        new EmailSender(sender, "ledger@example.com", java.time.Duration.ofSeconds(5),
                java.time.Duration.ofSeconds(10));

        assertThat(sender.getJavaMailProperties())
                .containsEntry("mail.smtp.connectiontimeout", "5000")
                .containsEntry("mail.smtp.timeout", "1234")
                .containsEntry("mail.smtp.writetimeout", "10000");
    }

    private AlertDeliveryWorker worker(JavaMailSenderImpl mail) {
        AlertProperties properties = AlertProperties.defaults();
        WebhookSecrets secrets = new WebhookSecrets(db.jdbc, clock);
        return new AlertDeliveryWorker(deliveries, secrets,
                new WebhookSender(JsonMapper.builder().build(), properties.connectTimeout(),
                        properties.requestTimeout()),
                new EmailSender(mail, "ledger@example.com", properties.connectTimeout(), properties.requestTimeout()),
                properties, clock, db.transactions, Runnable::run);
    }

    private static JavaMailSenderImpl mailSender(int port) {
        JavaMailSenderImpl sender = new JavaMailSenderImpl();
        sender.setHost("127.0.0.1");
        sender.setPort(port);
        return sender;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
