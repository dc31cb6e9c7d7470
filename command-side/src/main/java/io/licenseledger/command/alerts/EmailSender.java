package io.licenseledger.command.alerts;

import org.springframework.mail.MailException;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;

import java.time.Duration;
import java.util.Properties;

/** Sends an alert as a plain-text e-mail over SMTP ({@code spring.mail.*}). */
class EmailSender {

    static final String NOT_CONFIGURED = "e-mail is not configured on this server: set spring.mail.host";

    private final JavaMailSender mail;
    private final String from;

    /** {@code mail} is null when no SMTP server is configured; such deliveries then fail with a clear reason. */
    EmailSender(JavaMailSender mail, String from, Duration connectTimeout, Duration requestTimeout) {
        this.mail = mail;
        this.from = from;
        if (mail instanceof JavaMailSenderImpl configurable) {
            // JavaMail waits forever by default; a silent SMTP server must not hold a delivery worker for good.
            Properties properties = configurable.getJavaMailProperties();
            String millis = Long.toString(requestTimeout.toMillis());
            properties.putIfAbsent("mail.smtp.connectiontimeout", Long.toString(connectTimeout.toMillis()));
            properties.putIfAbsent("mail.smtp.timeout", millis);
            properties.putIfAbsent("mail.smtp.writetimeout", millis);
        }
    }

    Outcome send(DueDelivery delivery) {
        if (mail == null) {
            return Outcome.giveUp(NOT_CONFIGURED);
        }
        SimpleMailMessage message = new SimpleMailMessage();
        message.setFrom(from);
        message.setTo(delivery.target());
        message.setSubject(subject(delivery));
        message.setText(text(delivery));
        try {
            mail.send(message);
            return Outcome.delivered(null, "accepted by the SMTP server");
        } catch (MailException e) {
            return Outcome.retry(null, "SMTP error: " + (e.getMessage() == null ? e.getClass().getSimpleName()
                    : e.getMessage()));
        }
    }

    static String subject(DueDelivery delivery) {
        return "[License Ledger] " + delivery.kind() + " for project " + delivery.projectId();
    }

    static String text(DueDelivery delivery) {
        return String.join("\n",
                summary(delivery),
                "",
                "Project:      " + delivery.projectId(),
                "Alert:        " + delivery.kind(),
                "License type: " + (delivery.licenseType() == null ? "-" : delivery.licenseType()),
                "Threshold:    " + delivery.threshold(),
                "Term:         " + (delivery.termKey() == null ? "-" : delivery.termKey()),
                "Used:         " + delivery.used(),
                "Limit:        " + delivery.limit(),
                "Raised at:    " + delivery.raisedAt(),
                "Alert id:     " + delivery.alertId(),
                "Delivery id:  " + delivery.deliveryId(),
                "",
                "Sent by License Ledger. Each alert is raised once per project, threshold and term.",
                "");
    }

    private static String summary(DueDelivery delivery) {
        String type = delivery.licenseType() == null ? "the license" : delivery.licenseType();
        return switch (delivery.kind()) {
            case "QUOTA_THRESHOLD" -> "Use of " + type + " crossed " + delivery.threshold() + " % of its quota ("
                    + delivery.used() + " of " + delivery.limit() + ").";
            case "OVERAGE_ENTERED" -> "Use of " + type + " went past its quota into the overage allowance ("
                    + delivery.used() + " of " + delivery.limit() + ").";
            case "HARD_STOP" -> "Use of " + type + " reached the hard stop: quota and overage are used up ("
                    + delivery.used() + " of " + delivery.limit() + ").";
            case "EXPIRY_NEAR" -> "The project's last valid license item ends in " + delivery.threshold()
                    + (delivery.threshold() == 1 ? " day." : " days.");
            default -> "Alert " + delivery.kind() + " was raised.";
        };
    }
}
