package io.licenseledger.query.console;

import io.swagger.v3.oas.annotations.Hidden;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/** The stream of server-sent events an open console page listens to (see {@link LivePush}). */
@RestController
@Hidden
record LiveStream(LivePush push) {

    @GetMapping(path = "/console/live", produces = "text/event-stream")
    SseEmitter open() {
        return push.open();
    }
}
