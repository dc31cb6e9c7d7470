package io.licenseledger.query;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.deadletter.Decisions;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.EnqueueDecision;
import org.axonframework.messaging.deadletter.EnqueuePolicy;
import org.axonframework.messaging.deadletter.ThrowableCause;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.jdbc.datasource.DataSourceUtils;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.sql.Savepoint;

/**
 * Keeps an event that a projection cannot handle from stopping the query processor. The projections write a batch's
 * changes when it commits (see {@link BatchedWrites}), where Axon's dead-letter queue cannot tell which event failed,
 * and a handler that throws may leave the changes other handlers made for the same event in the batch. So any failure
 * of a batch (at commit or in a handler) fails the whole batch, and the processor's next attempt runs <i>isolated</i>:
 * each event's changes are written as it is handled, inside a savepoint of its own. An event that fails then is rolled
 * back to its savepoint and parked by Axon's dead-letter queue (this class is also its {@link EnqueuePolicy}), with
 * the later events of its project behind it; the other events of the batch commit. Once an isolated batch commits,
 * batches are written together again. Failures a retry can cure (a lock, a lost connection) are not parked: they fail
 * the batch, which the processor retries.
 */
public final class EventIsolation
        implements MessageHandlerInterceptor<EventMessage<?>>, EnqueuePolicy<EventMessage<?>> {

    /** Longest cause message kept with a dead letter: enough to diagnose, short of any event body a driver quotes. */
    public static final int CAUSE_LENGTH = 500;

    private static final Logger log = LoggerFactory.getLogger(EventIsolation.class);
    private static final String MODE = EventIsolation.class.getName() + ".mode";
    private static final String SAVEPOINT = EventIsolation.class.getName() + ".savepoint";

    private enum Mode { BATCHED, ISOLATED }

    private final DataSource dataSource;
    private volatile boolean isolateNextBatch;

    EventIsolation(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Whether the unit of work's changes are to be written as each event is handled rather than at commit. */
    static boolean isolated(UnitOfWork<?> root) {
        return root.getResource(MODE) == Mode.ISOLATED;
    }

    /** Called when a batch fails to commit: the processor will retry it, and this time one event at a time. */
    static void batchFailed(UnitOfWork<?> root, RuntimeException failure) {
        EventIsolation isolation = root.getResource(EventIsolation.class.getName());
        if (isolation != null && !retryCures(failure)) {
            isolation.isolateNextAttempt(failure);
        }
    }

    @Override
    public Object handle(UnitOfWork<? extends EventMessage<?>> unitOfWork, InterceptorChain interceptorChain)
            throws Exception {
        UnitOfWork<?> root = unitOfWork.root();
        if (!(root instanceof BatchingUnitOfWork<?>)) {
            return interceptorChain.proceed();
        }
        Mode mode = root.getResource(MODE);
        if (mode == null) {
            mode = isolateNextBatch ? Mode.ISOLATED : Mode.BATCHED;
            root.resources().put(MODE, mode);
            root.resources().put(EventIsolation.class.getName(), this);
            if (mode == Mode.ISOLATED) {
                root.afterCommit(committed -> isolateNextBatch = false);
            }
        }
        if (mode == Mode.BATCHED) {
            return interceptorChain.proceed();
        }
        Connection connection = DataSourceUtils.getConnection(dataSource);
        Savepoint savepoint = connection.setSavepoint();
        root.resources().put(SAVEPOINT, savepoint);
        try {
            return interceptorChain.proceed();
        } finally {
            root.resources().remove(SAVEPOINT);
            connection.releaseSavepoint(savepoint);
        }
    }

    @Override
    public EnqueueDecision<EventMessage<?>> decide(DeadLetter<? extends EventMessage<?>> letter, Throwable cause) {
        if (CurrentUnitOfWork.isStarted() && CurrentUnitOfWork.get().root() instanceof BatchingUnitOfWork<?> root) {
            if (!isolated(root) || retryCures(cause)) {
                // Thrown out of Axon's dead-lettering invoker: the batch rolls back and is retried.
                isolateNextAttempt(cause);
                throw new BatchFailedException(cause);
            }
            rollBackTheEvent(root);
        }
        ThrowableCause recorded = ThrowableCause.truncated(cause, CAUSE_LENGTH);
        log.warn("Parking event {} ({}) of {} in the dead-letter queue: {}: {}", letter.message().getIdentifier(),
                letter.message().getPayloadType().getSimpleName(),
                letter.message() instanceof DomainEventMessage<?> event ? event.getAggregateIdentifier() : "-",
                recorded.type(), recorded.message());
        return Decisions.enqueue(recorded);
    }

    private void rollBackTheEvent(UnitOfWork<?> root) {
        Savepoint savepoint = root.getResource(SAVEPOINT);
        if (savepoint == null) {
            return;
        }
        try {
            DataSourceUtils.getConnection(dataSource).rollback(savepoint);
        } catch (SQLException e) {
            throw new IllegalStateException("could not roll back a failed event's changes", e);
        }
    }

    private void isolateNextAttempt(Throwable cause) {
        if (!retryCures(cause) && !isolateNextBatch) {
            log.warn("A batch of the query processor failed ({}); retrying it one event at a time to park the event "
                    + "that cannot be handled", cause.toString());
            isolateNextBatch = true;
        }
    }

    /** Whether the failure is one a retry can cure (a lock, a lost connection), so not a reason to park an event. */
    public static boolean retryCures(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof TransientDataAccessException || cause instanceof RecoverableDataAccessException
                    || cause instanceof DataAccessResourceFailureException
                    || cause instanceof SQLTransientException || cause instanceof SQLRecoverableException) {
                return true;
            }
        }
        return false;
    }

    /** A batch that failed in a handler; the processor rolls it back and retries it. */
    static final class BatchFailedException extends RuntimeException {
        BatchFailedException(Throwable cause) {
            super("a batch of the query processor failed and will be retried one event at a time", cause);
        }
    }
}
