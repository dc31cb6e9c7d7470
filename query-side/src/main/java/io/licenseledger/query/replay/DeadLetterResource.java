package io.licenseledger.query.replay;

import io.swagger.v3.oas.annotations.Hidden;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The events parked because a projection could not handle them (admin or auditor), and their retry after a fix
 * (admin). Beside the replay, out of the OpenAPI document for the same reason.
 */
@RestController
@RequestMapping("/api/v1/admin/dead-letters")
@Hidden
record DeadLetterResource(DeadLetters deadLetters) {

    @GetMapping
    DeadLetters.Summary list() {
        return deadLetters.summary();
    }

    @PostMapping("/retry")
    DeadLetters.Retry retry() {
        return deadLetters.retry();
    }
}
