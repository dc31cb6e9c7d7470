package io.licenseledger.query;

import io.licenseledger.service.LedgerApplications;
import io.licenseledger.service.ServiceSupportConfiguration;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Import;

/** Folds the ledger into read models and answers the admin and auditor questions about them. */
@SpringBootApplication
@Import(ServiceSupportConfiguration.class)
public class QuerySideApplication {

    public static void main(String[] args) {
        LedgerApplications.run(QuerySideApplication.class, args);
    }
}
