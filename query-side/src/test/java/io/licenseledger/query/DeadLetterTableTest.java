package io.licenseledger.query;

import io.licenseledger.events.DeviceId;
import io.licenseledger.events.ErrorCode;
import io.licenseledger.events.ProjectId;
import io.licenseledger.events.project.AuthorizationRefused;
import io.licenseledger.events.project.UsageRecorded;
import io.licenseledger.service.ReplayTokenTypes;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GenericTrackedDomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.deadletter.jdbc.DeadLetterSchema;
import org.axonframework.eventhandling.deadletter.jdbc.JdbcSequencedDeadLetterQueue;
import org.axonframework.messaging.deadletter.Decisions;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.GenericDeadLetter;
import org.axonframework.serialization.jackson3.Jackson3Serializer;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import javax.sql.DataSource;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static io.licenseledger.query.TestEvents.entry;
import static io.licenseledger.query.TestEvents.usage;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dead-letter table the query side's migrations create holds what Axon's JDBC dead-letter queue writes, with the
 * services' Jackson 3 serializer, on H2 and on PostgreSQL: the event that could not be stored (a usage entry in year
 * -1000000000), its ledger position, its cause, and the later events of its project behind it.
 */
class DeadLetterTableTest {

    private static final ProjectId PROJECT = new ProjectId("ancient");
    private static final Instant NOW = Instant.parse("2026-03-02T02:00:00Z");

    @Test
    void anUnstorableEventAndItsProjectsLaterEventsAreParkedAndRetriedOnH2() {
        parkedAndRetried(ReadModelDatabase.migrated());
    }

    @Test
    void anUnstorableEventAndItsProjectsLaterEventsAreParkedAndRetriedOnPostgresql() {
        parkedAndRetried(ReadModelDatabase.migratedPostgres());
    }

    private static void parkedAndRetried(JdbcTemplate database) {
        JdbcSequencedDeadLetterQueue<EventMessage<?>> queue = queue(database.getDataSource());
        UsageRecorded ancient = usage(PROJECT, "d-1", "b-1", NOW, null, entry(Instant.MIN, 5, "scan", null));
        TrackedEventMessage<?> poisoned = tracked(1, 41, ancient);
        TrackedEventMessage<?> later = tracked(2, 42,
                new AuthorizationRefused(PROJECT, new DeviceId("d-2"), null, ErrorCode.QUOTA_EXCEEDED, NOW));

        queue.enqueue(PROJECT.value(), new GenericDeadLetter<>(PROJECT.value(), poisoned,
                new DateTimeException("Invalid value for EpochDay")));
        boolean parkedBehind = queue.enqueueIfPresent(PROJECT.value(),
                () -> new GenericDeadLetter<>(PROJECT.value(), later));

        assertThat(parkedBehind).isTrue();
        assertThat(queue.contains("other-project")).isFalse();
        assertThat(queue.amountOfSequences()).isEqualTo(1);
        List<DeadLetter<? extends EventMessage<?>>> letters = new ArrayList<>();
        queue.deadLetterSequence(PROJECT.value()).forEach(letters::add);
        assertThat(letters).hasSize(2);
        DeadLetter<? extends EventMessage<?>> first = letters.get(0);
        assertThat(first.message().getPayload()).isEqualTo(ancient);
        assertThat(((TrackedEventMessage<?>) first.message()).trackingToken().position()).hasValue(41);
        assertThat(first.cause()).hasValueSatisfying(cause -> {
            assertThat(cause.type()).isEqualTo("java.time.DateTimeException");
            assertThat(cause.message()).isEqualTo("Invalid value for EpochDay");
        });
        assertThat(first.enqueuedAt()).isNotNull();
        assertThat(letters.get(1).message().getPayload()).isInstanceOf(AuthorizationRefused.class);

        List<Object> retried = new ArrayList<>();
        boolean processed = queue.process(letter -> {
            retried.add(letter.message().getPayload());
            return Decisions.evict();
        });

        assertThat(processed).isTrue();
        assertThat(retried).hasSize(2).first().isEqualTo(ancient);
        assertThat(queue.size()).isZero();
    }

    private static JdbcSequencedDeadLetterQueue<EventMessage<?>> queue(DataSource dataSource) {
        Jackson3Serializer serializer = Jackson3Serializer.builder()
                .jsonMapperBuilderCustomizer(new ReplayTokenTypes()).build();
        return JdbcSequencedDeadLetterQueue.<EventMessage<?>>builder()
                .processingGroup(ProjectionConfiguration.PROCESSING_GROUP)
                .connectionProvider(dataSource::getConnection)
                .transactionManager(NoTransactionManager.INSTANCE)
                .schema(DeadLetterSchema.builder().deadLetterTable(ProjectionConfiguration.DEAD_LETTER_TABLE).build())
                .genericSerializer(serializer)
                .eventSerializer(serializer)
                .build();
    }

    private static TrackedEventMessage<?> tracked(long sequenceNumber, long position, Object event) {
        return new GenericTrackedDomainEventMessage<>(GapAwareTrackingToken.newInstance(position, Set.of()),
                new GenericDomainEventMessage<>("Project", PROJECT.value(), sequenceNumber, event));
    }
}
