package io.licenseledger.service.testing;

import io.licenseledger.service.SharedMigrations;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.ConfigDataApplicationContextInitializer;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/** The migrations of the service under test applied to a store as its Spring Boot applies them at start-up. */
public final class ServiceMigrations {

    private ServiceMigrations() {
    }

    /** With the service's application.yml (and those of {@code profiles}) and service-support's migration strategy. */
    public static void migrate(TestStore store, String... profiles) {
        ApplicationContextRunner service = new ApplicationContextRunner()
                .withInitializer(new ConfigDataApplicationContextInitializer())
                .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class,
                        FlywayAutoConfiguration.class))
                .withUserConfiguration(SharedMigrations.class)
                .withPropertyValues("spring.datasource.url=" + store.url(),
                        "spring.datasource.username=" + store.user(), "spring.datasource.password=");
        if (profiles.length > 0) {
            service = service.withPropertyValues("spring.profiles.active=" + String.join(",", profiles));
        }
        service.run(context -> assertThat(context).hasNotFailed());
    }
}
