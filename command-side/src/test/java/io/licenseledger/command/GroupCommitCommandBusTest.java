package io.licenseledger.command;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.CommandResultMessage;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.commandhandling.callbacks.FutureCallback;
import org.axonframework.common.transaction.Transaction;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.AggregateConfigurer;
import org.axonframework.config.Configuration;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.axonframework.commandhandling.GenericCommandMessage.asCommandMessage;
import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * The batching itself, on Axon's real command handling and repository with an in-memory store: commands queued
 * before the workers start form one batch, so each test knows exactly which commands share a transaction.
 */
class GroupCommitCommandBusTest {

    private final CountingTransactions transactions = new CountingTransactions();
    private final InMemoryEventStorageEngine store = new InMemoryEventStorageEngine();
    private final GroupCommitCommandBus bus = new GroupCommitCommandBus(SimpleCommandBus.builder().build(),
            transactions, 1, 64);
    private final Configuration axon = DefaultConfigurer.defaultConfiguration()
            .configureEmbeddedEventStore(c -> store)
            .configureCommandBus(c -> bus)
            .configureAggregate(AggregateConfigurer.defaultConfiguration(Counter.class)
                    .configureCache(c -> new AggregateCache(100)))
            .start();

    @AfterEach
    void stop() {
        bus.stop();
        axon.shutdown();
    }

    @Test
    void queuedCommandsShareOneTransactionAndAreAnsweredInOrder() {
        List<FutureCallback<Object, Object>> answers = dispatch(new Open("c1"), increments("c1", 9));

        bus.start();

        assertThat(payloads(answers)).containsExactly("c1", 1, 2, 3, 4, 5, 6, 7, 8, 9);
        assertThat(transactions.committed).hasValue(1);
        assertThat(bus.transactions()).isEqualTo(1);
        assertThat(bus.commandsHandled()).isEqualTo(10);
        assertThat(eventsOf("c1")).hasSize(10);
    }

    @Test
    void aRefusedCommandIsRolledBackAloneAndTheRestOfItsBatchCommits() {
        List<FutureCallback<Object, Object>> answers = dispatch(new Open("c1"), List.of(
                new Increment("c1", false), new Increment("c1", true), new Increment("c1", false)));

        bus.start();

        assertThat(result(answers.get(2)).exceptionResult()).hasMessage("refused at 1");
        assertThat(payloads(List.of(answers.get(0), answers.get(1), answers.get(3)))).containsExactly("c1", 1, 2);
        assertThat(transactions.committed).hasValue(1);
        assertThat(eventsOf("c1")).hasSize(3);
    }

    @Test
    void aBatchWhoseCommitFailsRunsAgainOneCommandPerTransactionOnFreshState() {
        AtomicBoolean conflictOnce = new AtomicBoolean(true);
        bus.registerHandlerInterceptor((unitOfWork, chain) -> {
            unitOfWork.root().onPrepareCommit(root -> {
                if (conflictOnce.getAndSet(false)) {
                    throw new ConcurrencyException("another instance appended first");
                }
            });
            return chain.proceed();
        });
        List<FutureCallback<Object, Object>> answers = dispatch(new Open("c1"), increments("c1", 4));

        bus.start();

        assertThat(payloads(answers)).containsExactly("c1", 1, 2, 3, 4);
        assertThat(transactions.rolledBack).hasValue(1);
        assertThat(transactions.committed).hasValue(5);
        assertThat(eventsOf("c1")).hasSize(5);
    }

    @Test
    void theLoneCommandOfAFailedTransactionGetsTheFailureForTheGatewayToRetry() {
        bus.registerHandlerInterceptor((unitOfWork, chain) -> {
            unitOfWork.root().onPrepareCommit(root -> {
                throw new ConcurrencyException("another instance appended first");
            });
            return chain.proceed();
        });
        FutureCallback<Object, Object> answer = dispatch(new Open("c1"), List.of()).get(0);

        bus.start();

        assertThat(result(answer).exceptionResult()).isInstanceOf(ConcurrencyException.class);
        assertThat(AxonConfiguration.isWriteConflict(result(answer).exceptionResult())).isTrue();
        assertThat(store.readEvents("c1").asStream()).isEmpty();
    }

    @Test
    void stoppingFinishesTheQueuedCommandsAndRefusesNewOnes() {
        List<FutureCallback<Object, Object>> queued = dispatch(new Open("c1"), increments("c1", 3));
        bus.start();

        bus.stop();

        assertThat(queued).map(this::result).noneMatch(CommandResultMessage::isExceptional);
        FutureCallback<Object, Object> late = dispatch(new Increment("c1", false), List.of()).get(0);
        assertThat(result(late).exceptionResult()).hasMessageContaining("shutting down");
        assertThat(bus.isRunning()).isFalse();
    }

    private List<FutureCallback<Object, Object>> dispatch(Object first, List<?> rest) {
        List<FutureCallback<Object, Object>> answers = new ArrayList<>();
        List<Object> commands = new ArrayList<>();
        commands.add(first);
        commands.addAll(rest);
        for (Object command : commands) {
            FutureCallback<Object, Object> answer = new FutureCallback<>();
            CommandMessage<Object> message = asCommandMessage(command);
            bus.dispatch(message, answer);
            answers.add(answer);
        }
        return answers;
    }

    private static List<Increment> increments(String counterId, int count) {
        return IntStream.range(0, count).mapToObj(i -> new Increment(counterId, false)).toList();
    }

    private List<Object> payloads(List<FutureCallback<Object, Object>> answers) {
        return answers.stream().map(answer -> (Object) result(answer).getPayload()).toList();
    }

    private CommandResultMessage<?> result(FutureCallback<Object, Object> answer) {
        return answer.getResult(Duration.ofSeconds(10).toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    private List<? extends EventMessage<?>> eventsOf(String counterId) {
        return store.readEvents(counterId).asStream().toList();
    }

    record Open(String counterId) {
    }

    record Increment(@TargetAggregateIdentifier String counterId, boolean refuse) {
    }

    record Opened(String counterId) {
    }

    record Incremented(String counterId) {
    }

    static class Counter {

        @AggregateIdentifier
        private String counterId;
        private int count;

        Counter() {
        }

        @CommandHandler
        Counter(Open command) {
            apply(new Opened(command.counterId()));
        }

        @CommandHandler
        int handle(Increment command) {
            if (command.refuse()) {
                throw new IllegalArgumentException("refused at " + count);
            }
            apply(new Incremented(counterId));
            return count;
        }

        @EventSourcingHandler
        void on(Opened event) {
            counterId = event.counterId();
        }

        @EventSourcingHandler
        void on(Incremented event) {
            count++;
        }
    }

    /** Counts what the batches did with their transactions; the in-memory store itself is not transactional. */
    static final class CountingTransactions implements TransactionManager {

        final AtomicInteger committed = new AtomicInteger();
        final AtomicInteger rolledBack = new AtomicInteger();

        @Override
        public Transaction startTransaction() {
            return new Transaction() {
                @Override
                public void commit() {
                    committed.incrementAndGet();
                }

                @Override
                public void rollback() {
                    rolledBack.incrementAndGet();
                }
            };
        }
    }
}
