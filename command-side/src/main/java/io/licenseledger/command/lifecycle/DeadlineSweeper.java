package io.licenseledger.command.lifecycle;

import io.licenseledger.command.alerts.CheckExpiryAlerts;
import io.licenseledger.events.DeviceId;
import io.licenseledger.events.ProjectId;
import io.licenseledger.service.RequestContext;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Turns due deadlines into commands, with no request needed (A3, A4, N1). Each project decides for itself whether
 * the deadline still holds, so a deadline handled twice (two instances, a crash between command and clean-up) does
 * no harm.
 */
@Component
@ConditionalOnProperty(name = "ledger.sweeper.enabled", havingValue = "true", matchIfMissing = true)
record DeadlineSweeper(DeadlineIndex deadlines, CommandGateway commands, Clock clock) {

    private static final Logger log = LoggerFactory.getLogger(DeadlineSweeper.class);
    private static final int BATCH = 500;

    @Scheduled(fixedDelayString = "${ledger.sweeper.interval:PT1S}", initialDelayString = "PT2S")
    void sweep() {
        Instant now = clock.instant();
        List<DeadlineIndex.Deadline> due;
        int failures = 0;
        do {
            due = deadlines.due(now, BATCH);
            for (DeadlineIndex.Deadline deadline : due) {
                try {
                    commands.sendAndWait(commandFor(deadline, now), MetaData.from(Map.of(RequestContext.ACTOR,
                            "system:sweeper", RequestContext.CORRELATION_ID, "sweep-" + UUID.randomUUID())),
                            30, TimeUnit.SECONDS);
                    deadlines.done(deadline);
                } catch (RuntimeException e) {
                    failures++;
                    log.warn("Deadline {} of project {} failed and will be retried next round: {}", deadline.kind(),
                            deadline.projectId(), e.getMessage());
                }
            }
        } while (due.size() == BATCH && failures == 0);
    }

    private static Object commandFor(DeadlineIndex.Deadline deadline, Instant now) {
        ProjectId projectId = new ProjectId(deadline.projectId());
        return switch (deadline.kind()) {
            case REGISTRATION -> new ExpireRegistration(projectId, new DeviceId(deadline.subject()), now);
            case EXPIRY_ALERT -> new CheckExpiryAlerts(projectId, now);
        };
    }
}
