package io.licenseledger.query;

import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hands events to a projection through its annotated handlers: as a streaming processor does, one batch in one unit
 * of work with a database transaction, committed (or rolled back) at the end; or one event at a time with no unit of
 * work, as the other projection tests do.
 */
public final class ProjectionBatches {

    /** When the ledger recorded an event given without its message. */
    public static final Instant RECORDED_AT = Instant.parse("2026-01-01T00:00:00Z");

    private ProjectionBatches() {
    }

    public static void oneByOne(Object projection, List<?> events) throws Exception {
        AnnotationEventHandlerAdapter handlers = new AnnotationEventHandlerAdapter(projection);
        for (Object event : events) {
            handlers.handle(message(event));
        }
    }

    public static void inOneBatch(Object projection, JdbcTemplate jdbc, List<?> events) throws Exception {
        AnnotationEventHandlerAdapter handlers = new AnnotationEventHandlerAdapter(projection);
        List<EventMessage<?>> messages = events.stream()
                .<EventMessage<?>>map(ProjectionBatches::message).toList();
        BatchingUnitOfWork<EventMessage<?>> unitOfWork = new BatchingUnitOfWork<>(messages);
        unitOfWork.attachTransaction(
                new SpringTransactionManager(new DataSourceTransactionManager(jdbc.getDataSource())));
        unitOfWork.executeWithResult(() -> handlers.handle(unitOfWork.getMessage()));
        if (unitOfWork.getExecutionResult().isExceptionResult()) {
            throw (Exception) unitOfWork.getExecutionResult().getExceptionResult();
        }
    }

    private static EventMessage<?> message(Object event) {
        return event instanceof EventMessage<?> message ? message
                : new GenericEventMessage<>(UUID.randomUUID().toString(), event, Map.of(), RECORDED_AT);
    }

    /**
     * The events handed to the projection {@code on} makes for {@code oneByOne} one at a time, and to the one for
     * {@code inOneBatch} as one batch; both then hold the same rows in {@code tables}.
     */
    public static void assertSameRows(Function<JdbcTemplate, Object> on, JdbcTemplate oneByOne,
                                      JdbcTemplate inOneBatch, List<?> events, String... tables) throws Exception {
        oneByOne(on.apply(oneByOne), events);
        inOneBatch(on.apply(inOneBatch), inOneBatch, events);
        assertThat(contents(inOneBatch, tables)).isEqualTo(contents(oneByOne, tables));
    }

    /** Every row of the tables, in a stable order, for comparing two databases. */
    public static Map<String, List<Map<String, Object>>> contents(JdbcTemplate jdbc, String... tables) {
        return Arrays.stream(tables).collect(Collectors.toMap(table -> table,
                table -> jdbc.queryForList("SELECT * FROM " + table + " ORDER BY 1, 2, 3")));
    }
}
