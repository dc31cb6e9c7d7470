package io.licenseledger.query.console;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Server-sent events to the open console pages: after the query processor's transaction commits a batch of read-model
 * changes ({@link ProjectionCommits}), every page gets one {@code change} event naming the projects the batch touched,
 * and refreshes what shows them. Commits are gathered for {@value #GATHER_MILLIS} ms so that a busy ledger sends a
 * page a few events a second, not one per batch; the events are written by a thread of their own, never by the
 * processor, so a slow browser cannot hold the read models back.
 */
@Component
class LivePush implements SmartLifecycle {

    static final long GATHER_MILLIS = 100;
    /** Past this many projects in one event, pages refresh everything. */
    private static final int MAX_NAMED_PROJECTS = 100;
    private static final Duration STREAM_TIMEOUT = Duration.ofMinutes(15);
    private static final Duration HEARTBEAT = Duration.ofSeconds(25);
    private static final Logger log = LoggerFactory.getLogger(LivePush.class);

    private final JsonMapper json;
    private final Set<SseEmitter> streams = ConcurrentHashMap.newKeySet();
    private final Set<String> changedProjects = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean sendScheduled = new AtomicBoolean();
    private final ScheduledExecutorService sender = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "console-live-push");
        thread.setDaemon(true);
        return thread;
    });
    private volatile boolean running;

    LivePush(JsonMapper json) {
        this.json = json;
    }

    /** A new stream for one open page; it ends after a while and the browser opens another. */
    SseEmitter open() {
        SseEmitter stream = new SseEmitter(STREAM_TIMEOUT.toMillis());
        stream.onCompletion(() -> streams.remove(stream));
        stream.onTimeout(() -> streams.remove(stream));
        stream.onError(failure -> streams.remove(stream));
        streams.add(stream);
        send(stream, SseEmitter.event().comment("connected"));
        return stream;
    }

    /** Called once a batch of read-model changes is committed, with the projects it touched. */
    void committed(Collection<String> projects) {
        changedProjects.addAll(projects);
        if (running && sendScheduled.compareAndSet(false, true)) {
            sender.schedule(this::sendChanges, GATHER_MILLIS, TimeUnit.MILLISECONDS);
        }
    }

    private void sendChanges() {
        sendScheduled.set(false);
        List<String> projects = new ArrayList<>(changedProjects);
        changedProjects.removeAll(projects);
        if (projects.isEmpty()) {
            return;
        }
        boolean all = projects.size() > MAX_NAMED_PROJECTS;
        String data = json.writeValueAsString(Map.of("all", all, "projects", all ? List.of() : projects));
        for (SseEmitter stream : streams) {
            send(stream, SseEmitter.event().name("change").data(data, MediaType.APPLICATION_JSON));
        }
    }

    private void heartbeat() {
        for (SseEmitter stream : streams) {
            send(stream, SseEmitter.event().comment("still here"));
        }
    }

    private void send(SseEmitter stream, SseEmitter.SseEventBuilder event) {
        try {
            stream.send(event);
        } catch (IOException | IllegalStateException gone) {
            streams.remove(stream);
            log.debug("a console page's event stream is closed: {}", gone.toString());
        }
    }

    @Override
    public void start() {
        running = true;
        sender.scheduleWithFixedDelay(this::heartbeat, HEARTBEAT.toMillis(), HEARTBEAT.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    /** Ends every open stream before the web server waits for its requests to finish at a stop. */
    @Override
    public void stop() {
        running = false;
        sender.shutdownNow();
        streams.forEach(SseEmitter::complete);
        streams.clear();
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
