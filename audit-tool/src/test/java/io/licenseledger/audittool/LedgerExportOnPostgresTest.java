package io.licenseledger.audittool;

import io.licenseledger.audit.ExportFilter;
import io.licenseledger.audit.ExportVerifier;
import io.licenseledger.audit.LedgerConnections;
import io.licenseledger.audit.LedgerExport;
import io.licenseledger.audit.VerificationReport;
import io.licenseledger.licenseformat.Ed25519PrivateKey;
import io.licenseledger.service.testing.TestStore;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.security.SecureRandom;
import java.sql.Connection;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The export's SQL on PostgreSQL (bytea digests and payloads, its paging): skipped off CI without a server. */
class LedgerExportOnPostgresTest {

    @Test
    void aLedgerOnPostgresExportsAndVerifiesLikeOneOnH2() throws Exception {
        Ed25519PrivateKey ledgerKey = Ed25519PrivateKey.generate(new SecureRandom());
        try (TestStore store = TestStore.postgres(TestStore.LOCAL_POSTGRES)) {
            try (Connection connection = store.dataSource().getConnection()) {
                SeededLedger.seed(connection, 5_000, ledgerKey, 1_000);
            }
            LedgerExport export = new LedgerExport(LedgerConnections.pooled(store.dataSource()));
            ExportFilter filter = new ExportFilter("p-7", SeededLedger.FIRST.plusSeconds(60 * 1_000), null);
            LedgerExport.Range range = export.plan(filter, null);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            export.write(range, filter, out);

            VerificationReport report = new ExportVerifier(List.of(ledgerKey.publicKey()))
                    .verify(new ByteArrayInputStream(out.toByteArray()));

            assertThat(range).isEqualTo(new LedgerExport.Range(1_006, 5_000));
            assertThat(report.intact()).as(report.reason()).isTrue();
            assertThat(report.events()).isEqualTo(400);
            assertThat(report.checkpoints()).isEqualTo(4);
        }
    }
}
