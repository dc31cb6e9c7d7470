package io.licenseledger.command.alerts;

import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/** Alert delivery (rule N2): the senders and the worker that polls for due deliveries. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class AlertsConfiguration {

    /**
     * Axon's default would log a failing handler and move the token past the alert, which then never reaches its
     * recipients. Propagating rolls the batch back with its token, and the processor tries it again.
     */
    @Bean
    ConfigurerModule alertDeliveryPropagatesErrors() {
        return configurer -> configurer.eventProcessing().registerListenerInvocationErrorHandler(
                AlertDeliveryProjection.PROCESSING_GROUP, c -> PropagatingErrorHandler.instance());
    }

    @Bean
    WebhookSender webhookSender(JsonMapper json, AlertProperties properties) {
        return new WebhookSender(json, properties.connectTimeout(), properties.requestTimeout());
    }

    /** Without {@code spring.mail.host} Spring Boot makes no mail sender, and e-mail deliveries fail visibly. */
    @Bean
    EmailSender emailSender(ObjectProvider<JavaMailSender> mail, AlertProperties properties) {
        return new EmailSender(mail.getIfAvailable(), properties.mailFrom(), properties.connectTimeout(),
                properties.requestTimeout());
    }

    @Bean
    AlertDeliveryWorker alertDeliveryWorker(DeliveryTable deliveries, WebhookSecrets secrets, WebhookSender webhooks,
                                            EmailSender email, AlertProperties properties, Clock clock,
                                            PlatformTransactionManager transactionManager) {
        AtomicInteger threads = new AtomicInteger();
        return new AlertDeliveryWorker(deliveries, secrets, webhooks, email, properties, clock,
                new TransactionTemplate(transactionManager),
                Executors.newFixedThreadPool(properties.concurrency(), task -> {
                    Thread thread = new Thread(task, "alert-sender-" + threads.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                }));
    }
}
