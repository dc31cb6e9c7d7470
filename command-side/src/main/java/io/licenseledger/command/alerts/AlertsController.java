package io.licenseledger.command.alerts;

import io.licenseledger.events.ErrorCode;
import io.licenseledger.events.Identifiers;
import io.licenseledger.events.InvalidValueException;
import io.licenseledger.events.LedgerException;
import io.licenseledger.events.ProjectId;
import io.licenseledger.service.RequestContext;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.Optional;

@RestController
@Tag(name = "Alerts (admin)", description = "Where a project's alerts are delivered, and how the deliveries went")
record AlertsController(CommandGateway commands, WebhookSecrets secrets, DeliveryTable deliveries) {

    private static final Logger log = LoggerFactory.getLogger(AlertsController.class);
    private static final int MAX_PAGE_SIZE = 500;

    record RecipientsRequest(List<String> webhookUrls, List<String> emailAddresses) {
    }

    /** {@code signingSecret} is shown once, in the answer that made it; null otherwise. */
    record RecipientsResponse(String projectId, List<String> webhookUrls, List<String> emailAddresses,
                              String signingSecret) {
    }

    record SecretResponse(String projectId, String signingSecret) {
    }

    @PutMapping("/api/v1/projects/{projectId}/alert-recipients")
    @Operation(summary = "Replace the project's alert recipients (at most 10 webhooks and 10 e-mail addresses); "
            + "the first time webhooks are set, the answer holds their signing secret, shown this once")
    RecipientsResponse setRecipients(@PathVariable String projectId, @RequestBody RecipientsRequest request,
                                     HttpServletRequest http) {
        ProjectId project = Identifiers.projectId(projectId);
        AlertRecipients recipients = new AlertRecipients(request.webhookUrls(), request.emailAddresses());
        try {
            commands.sendAndWait(new SetAlertRecipients(project, recipients.webhookUrls(),
                    recipients.emailAddresses()), MetaData.from(RequestContext.metaData(http)));
        } catch (AggregateNotFoundException e) {
            throw new LedgerException(ErrorCode.PROJECT_NOT_FOUND, "no project " + project);
        }
        // Made after the command, so an unknown project gets no secret. An alert delivered in between waits for it.
        Optional<String> newSecret = recipients.webhookUrls().isEmpty() ? Optional.empty()
                : secrets.createIfAbsent(project);
        newSecret.ifPresent(secret -> log.info("Webhook signing secret of project {} created by {}", project,
                RequestContext.actor(http)));
        return new RecipientsResponse(project.value(), recipients.webhookUrls(), recipients.emailAddresses(),
                newSecret.orElse(null));
    }

    @PostMapping("/api/v1/projects/{projectId}/alert-recipients/rotate-secret")
    @Operation(summary = "Replace the project's webhook signing secret; the answer shows the new one, this once. "
            + "Attempts made from now on are signed with it")
    SecretResponse rotateSecret(@PathVariable String projectId, HttpServletRequest http) {
        ProjectId project = Identifiers.projectId(projectId);
        String secret = secrets.rotate(project).orElseThrow(() -> new LedgerException(ErrorCode.NOT_FOUND,
                "project " + project + " has no webhook signing secret; set its webhook recipients first"));
        log.info("Webhook signing secret of project {} rotated by {}", project, RequestContext.actor(http));
        return new SecretResponse(project.value(), secret);
    }

    @GetMapping("/api/v1/projects/{projectId}/alert-deliveries")
    @Operation(summary = "The project's alert deliveries, newest alert first, each with its attempts (size 1..500)")
    AlertDeliveries deliveries(@PathVariable String projectId, @RequestParam(defaultValue = "0") int page,
                               @RequestParam(defaultValue = "50") int size) {
        ProjectId project = Identifiers.projectId(projectId);
        if (page < 0) {
            throw new InvalidValueException("page must be 0 or more");
        }
        if (size < 1 || size > MAX_PAGE_SIZE) {
            throw new InvalidValueException("size must be between 1 and " + MAX_PAGE_SIZE);
        }
        return deliveries.page(project, page, size);
    }
}
