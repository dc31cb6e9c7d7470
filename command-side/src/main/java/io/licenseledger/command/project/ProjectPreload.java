package io.licenseledger.command.project;

import io.licenseledger.events.ProjectId;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * At start-up, loads the projects with the most recent events into the aggregate cache, most recent first, so that
 * after a restart a busy project's first device does not wait for its snapshot to be read (100,000 registrations are
 * a few hundred milliseconds on a cold JVM). It runs before Spring Boot declares the service ready to take traffic
 * (readiness is part of its health), reads only the aggregate ids of the ledger's last events, and stops at its
 * budget. Not in the Axon Server mode, where the ledger is not in the database.
 */
@Component
@ConditionalOnProperty(name = "axon.axonserver.enabled", havingValue = "false", matchIfMissing = true)
record ProjectPreload(JdbcTemplate jdbc, CommandGateway commands,
                      @Value("${ledger.preload.projects:100}") int maxProjects,
                      @Value("${ledger.preload.recent-events:10000}") int recentEvents,
                      @Value("${ledger.preload.budget:PT1S}") Duration budget) implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(ProjectPreload.class);

    @Override
    public void run(ApplicationArguments arguments) {
        if (maxProjects <= 0) {
            return;
        }
        long start = System.nanoTime();
        long deadline = start + budget.toNanos();
        List<String> projects = recentlyActiveProjects();
        int loaded = 0;
        for (String projectId : projects) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                break;
            }
            try {
                commands.sendAndWait(new LoadProject(new ProjectId(projectId)), left, TimeUnit.NANOSECONDS);
                loaded++;
            } catch (RuntimeException e) {
                if (e.getCause() instanceof TimeoutException) {
                    log.info("Preloading stopped at its budget of {} while project {} loads; the projects after it"
                            + " load at their first command", budget, projectId);
                    break;
                }
                log.warn("Preloading project {} failed: {}", projectId, e.toString());
            }
        }
        log.info("Preloaded {} of the {} most recently active projects in {} ms", loaded, projects.size(),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
    }

    private List<String> recentlyActiveProjects() {
        return jdbc.queryForList("""
                SELECT aggregate_identifier FROM domain_event_entry
                WHERE global_index > (SELECT COALESCE(MAX(global_index), 0) FROM domain_event_entry) - ?
                  AND type = ?
                GROUP BY aggregate_identifier
                ORDER BY MAX(global_index) DESC
                LIMIT ?""", String.class, recentEvents, ProjectSnapshots.AGGREGATE_TYPE, maxProjects);
    }
}
