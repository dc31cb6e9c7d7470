package io.licenseledger.command;

import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandCallback;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.CommandResultMessage;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.commandhandling.distributed.AnnotationRoutingStrategy;
import org.axonframework.commandhandling.distributed.RoutingStrategy;
import org.axonframework.commandhandling.distributed.UnresolvedRoutingKeyPolicy;
import org.axonframework.common.Registration;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.axonframework.messaging.MessageHandler;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import static org.axonframework.commandhandling.GenericCommandResultMessage.asCommandResultMessage;

/**
 * Group commit: the commands waiting for the same worker are handled in one database transaction, each in its own
 * nested unit of work, and acknowledged only once that transaction committed. One commit then carries many commands'
 * events, where the store's commit rate would otherwise bound the ledger.
 * <p>
 * Commands are spread over the workers by their target aggregate, so an aggregate's commands queue on one worker and
 * never wait on another worker's transaction for its lock. A command that fails is rolled back alone and the rest of
 * its batch goes on. When the batch's commit fails (a lost race on a sequence number or a lookup key), nothing of it
 * was stored and each of its commands runs again in a transaction of its own, so one conflict answers only the
 * commands it concerns.
 */
final class GroupCommitCommandBus implements CommandBus, SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(GroupCommitCommandBus.class);

    /** Stops after the web server's graceful shutdown drained the requests, and before Axon's components stop. */
    private static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 1536;

    private final SimpleCommandBus handlers;
    private final TransactionManager transactionManager;
    private final int maxBatchSize;
    private final RoutingStrategy routing = AnnotationRoutingStrategy.builder()
            .fallbackRoutingStrategy(UnresolvedRoutingKeyPolicy.STATIC_KEY)
            .build();
    private final Worker[] workers;
    private final AtomicLong transactions = new AtomicLong();
    private final AtomicLong commands = new AtomicLong();
    private volatile boolean accepting = true;

    /**
     * @param handlers a bus without a transaction manager: its units of work nest in the batch's, whose transaction
     *                 is the only one
     */
    GroupCommitCommandBus(SimpleCommandBus handlers, TransactionManager transactionManager, int workers,
                          int maxBatchSize) {
        if (workers < 1 || maxBatchSize < 1) {
            throw new IllegalArgumentException("workers and maxBatchSize must be at least 1");
        }
        this.handlers = handlers;
        this.transactionManager = transactionManager;
        this.maxBatchSize = maxBatchSize;
        this.workers = new Worker[workers];
        for (int i = 0; i < workers; i++) {
            this.workers[i] = new Worker("command-batch-" + i);
        }
    }

    @Override
    public <C> void dispatch(CommandMessage<C> command) {
        dispatch(command, (message, result) -> {
            if (result.isExceptional()) {
                log.warn("Command {} failed", message.getCommandName(), result.exceptionResult());
            }
        });
    }

    @Override
    public <C, R> void dispatch(CommandMessage<C> command, CommandCallback<? super C, ? super R> callback) {
        if (!accepting) {
            callback.onResult(command, asCommandResultMessage(shuttingDown()));
            return;
        }
        String key = routing.getRoutingKey(command);
        workers[Math.floorMod(key.hashCode(), workers.length)].queue.add(new Pending<>(command, callback));
    }

    @Override
    public Registration subscribe(String commandName, MessageHandler<? super CommandMessage<?>> handler) {
        return handlers.subscribe(commandName, handler);
    }

    @Override
    public Registration registerHandlerInterceptor(MessageHandlerInterceptor<? super CommandMessage<?>> interceptor) {
        return handlers.registerHandlerInterceptor(interceptor);
    }

    @Override
    public Registration registerDispatchInterceptor(MessageDispatchInterceptor<? super CommandMessage<?>> interceptor) {
        return handlers.registerDispatchInterceptor(interceptor);
    }

    /** Transactions committed or rolled back so far, against {@link #commandsHandled()}: the batching achieved. */
    long transactions() {
        return transactions.get();
    }

    long commandsHandled() {
        return commands.get();
    }

    @Override
    public void start() {
        for (Worker worker : workers) {
            if (!worker.isAlive()) {
                worker.start();
            }
        }
    }

    /** Refuses new commands, then lets the workers finish the ones already queued. */
    @Override
    public void stop() {
        accepting = false;
        for (Worker worker : workers) {
            worker.queue.add(STOP);
        }
        for (Worker worker : workers) {
            try {
                worker.join(TimeUnit.SECONDS.toMillis(30));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @Override
    public boolean isRunning() {
        return accepting && workers[0].isAlive();
    }

    @Override
    public int getPhase() {
        return PHASE;
    }

    private void handle(List<Pending<?, ?>> batch) {
        CommandResultMessage<?>[] results = new CommandResultMessage<?>[batch.size()];
        UnitOfWork<?> transaction = DefaultUnitOfWork.startAndGet(batch.get(0).command());
        try {
            transaction.attachTransaction(transactionManager);
            for (int i = 0; i < results.length; i++) {
                int position = i;
                batch.get(i).handleBy(handlers, result -> results[position] = result);
            }
            transaction.commit();
        } catch (RuntimeException | Error failure) {
            if (transaction.isActive()) {
                transaction.rollback(failure);
            }
            transactions.incrementAndGet();
            if (batch.size() > 1) {
                batch.forEach(pending -> handle(List.of(pending)));
            } else {
                batch.get(0).answer(asCommandResultMessage(failure));
                commands.incrementAndGet();
            }
            return;
        }
        transactions.incrementAndGet();
        commands.addAndGet(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            batch.get(i).answer(results[i]);
        }
    }

    private static IllegalStateException shuttingDown() {
        return new IllegalStateException("the command side is shutting down");
    }

    private record Pending<C, R>(CommandMessage<C> command, CommandCallback<? super C, ? super R> callback) {

        /** Handles the command in a unit of work nested in the current one; its result is kept, not yet answered. */
        void handleBy(SimpleCommandBus handlers, Consumer<CommandResultMessage<?>> result) {
            handlers.dispatch(command, (message, outcome) -> result.accept(outcome));
        }

        /** A caller's callback that throws must not stop the worker that answers the rest of the batch. */
        @SuppressWarnings("unchecked")
        void answer(CommandResultMessage<?> result) {
            try {
                callback.onResult(command, (CommandResultMessage<? extends R>) result);
            } catch (RuntimeException e) {
                log.warn("The callback of command {} failed", command.getCommandName(), e);
            }
        }
    }

    private static final Pending<?, ?> STOP = new Pending<>(null, (message, result) -> {
    });

    private final class Worker extends Thread {

        final BlockingQueue<Pending<?, ?>> queue = new LinkedBlockingQueue<>();

        Worker(String name) {
            super(name);
            setDaemon(true);
        }

        @Override
        public void run() {
            List<Pending<?, ?>> batch = new ArrayList<>(maxBatchSize);
            boolean stopping = false;
            while (!stopping) {
                try {
                    batch.add(queue.take());
                } catch (InterruptedException e) {
                    return;
                }
                queue.drainTo(batch, maxBatchSize - 1);
                stopping = batch.remove(STOP);
                try {
                    if (!batch.isEmpty()) {
                        handle(batch);
                    }
                } catch (RuntimeException unexpected) {
                    log.error("A batch of {} commands failed outside its handling", batch.size(), unexpected);
                }
                batch.clear();
            }
            queue.drainTo(batch);
            batch.forEach(late -> late.answer(asCommandResultMessage(shuttingDown())));
        }
    }
}
