package io.licenseledger.query.replay;

import io.swagger.v3.oas.annotations.Hidden;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The admin's replay (rule AU4). Under /api/v1, so the API token filter asks for a token, and the admin role for the
 * POST. Left out of the OpenAPI document, which lists the read models' endpoints.
 */
@RestController
@RequestMapping("/api/v1/admin/replay")
@Hidden
record ReplayResource(Replays replays) {

    /** Starts rebuilding every read model from the start of the ledger; 409 while a replay runs. */
    @PostMapping
    ResponseEntity<ReplayProgress> start() {
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(replays.start());
    }

    @GetMapping
    ReplayProgress status() {
        return replays.status();
    }
}
