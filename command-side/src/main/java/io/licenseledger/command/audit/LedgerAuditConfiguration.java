package io.licenseledger.command.audit;

import io.licenseledger.audit.Checkpoint;
import io.licenseledger.service.LedgerChainWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.util.Optional;

/**
 * The ledger's hash chain on the command side, the service that appends (not in the Axon Server mode, where the
 * ledger is not in the database): the chain writer the event store chains each append with, the catch-up at start-up,
 * and the checkpoints signed every {@code ledger.audit.checkpoint.interval} when the chain moved.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "axon.axonserver.enabled", havingValue = "false", matchIfMissing = true)
class LedgerAuditConfiguration {

    private static final Logger log = LoggerFactory.getLogger(LedgerAuditConfiguration.class);

    /** Events chained per transaction at start-up: the head stays locked for one batch at a time. */
    private static final int CATCH_UP_BATCH = 5_000;

    @Bean
    LedgerChainWriter ledgerChainWriter(LedgerKey key, Clock clock,
                                        @Value("${ledger.audit.checkpoint.every-events}") long everyEvents) {
        return new LedgerChainWriter(key.signingKey(), clock, everyEvents);
    }

    /**
     * Chains the events that have none before anything else starts (the web server, the command bus, the schedulers),
     * so that the events of an older store come first in the chain, and the service is ready only once it is done.
     */
    @Bean
    SmartLifecycle ledgerChainCatchUp(LedgerChainWriter chain, JdbcTemplate jdbc,
                                      PlatformTransactionManager transactions) {
        return new SmartLifecycle() {
            private volatile boolean running;

            @Override
            public void start() {
                chain.catchUp(jdbc, transactions, CATCH_UP_BATCH);
                running = true;
            }

            @Override
            public void stop() {
                running = false;
            }

            @Override
            public boolean isRunning() {
                return running;
            }

            @Override
            public int getPhase() {
                return Integer.MIN_VALUE;
            }
        };
    }

    @Bean
    CheckpointClock checkpointClock(LedgerChainWriter chain, JdbcTemplate jdbc,
                                    PlatformTransactionManager transactions) {
        return new CheckpointClock(chain, jdbc, new TransactionTemplate(transactions));
    }

    record CheckpointClock(LedgerChainWriter chain, JdbcTemplate jdbc, TransactionTemplate transaction) {

        @Scheduled(fixedDelayString = "${ledger.audit.checkpoint.interval}",
                initialDelayString = "${ledger.audit.checkpoint.interval}")
        void signIfTheChainMoved() {
            try {
                transaction.executeWithoutResult(status -> jdbc.execute(
                                (ConnectionCallback<Optional<Checkpoint>>) chain::checkpointIfMoved)
                        .ifPresent(checkpoint -> log.debug("Signed a checkpoint at {}", checkpoint.position())));
            } catch (RuntimeException e) {
                log.warn("Signing a checkpoint failed; the next interval tries again", e);
            }
        }
    }
}
