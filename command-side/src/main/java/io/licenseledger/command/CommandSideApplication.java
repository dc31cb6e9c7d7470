package io.licenseledger.command;

import io.licenseledger.service.LedgerApplications;
import io.licenseledger.service.PublicRoutes;
import io.licenseledger.service.ServiceSupportConfiguration;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.scheduling.annotation.EnableScheduling;

@SpringBootApplication
@ConfigurationPropertiesScan
@Import(ServiceSupportConfiguration.class)
@EnableScheduling
public class CommandSideApplication {

    /** The SDK's routes (SPEC section 5) authenticate by license key, not by API token. */
    @Bean
    PublicRoutes sdkRoutes() {
        return PublicRoutes.posts("/api/v1/authorize", "/api/v1/usage", "/api/v1/release");
    }

    @Bean
    PublicRoutes leaseVerificationKeys() {
        return PublicRoutes.reads("/.well-known/jwks.json");
    }

    public static void main(String[] args) {
        LedgerApplications.run(CommandSideApplication.class, args);
    }
}
