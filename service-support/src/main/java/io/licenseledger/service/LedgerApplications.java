package io.licenseledger.service;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/** Starts a service with nothing calling out of the machine, and nothing listening beyond its documented ports. */
public final class LedgerApplications {

    private LedgerApplications() {
    }

    public static ConfigurableApplicationContext run(Class<?> application, String... args) {
        disableAxonUpdateChecker();
        // Before H2 is first used: it reads this once, and binds every server socket it opens to it.
        System.setProperty("h2.bindAddress", EmbeddedStoreServer.LOOPBACK);
        return SpringApplication.run(application, args);
    }

    /** Axon reads these system properties, not the Spring environment, so they are set before start. */
    public static void disableAxonUpdateChecker() {
        System.setProperty("axoniq.update-checker.disabled", "true");
        System.setProperty("disable-axoniq-console-message", "true");
    }
}
