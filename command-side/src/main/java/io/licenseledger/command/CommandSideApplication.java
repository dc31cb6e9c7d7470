package io.licenseledger.command;

import io.licenseledger.service.LedgerApplications;
import io.licenseledger.service.ServiceSupportConfiguration;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Import;
import org.springframework.scheduling.annotation.EnableScheduling;

@SpringBootApplication
@ConfigurationPropertiesScan
@Import(ServiceSupportConfiguration.class)
@EnableScheduling
public class CommandSideApplication {

    public static void main(String[] args) {
        LedgerApplications.run(CommandSideApplication.class, args);
    }
}
