package io.licenseledger.service;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.AnnotatedTypeMetadata;

import javax.sql.DataSource;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The service whose own database is the ledger's H2 file ({@code ledger.embedded-store.serve=true}: the command side)
 * opens it with the generated password, serves it to the query side and keeps it compact.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(EmbeddedStoreConfiguration.ServesTheLedgerFile.class)
class EmbeddedStoreConfiguration {

    @Bean
    JdbcConnectionDetails ledgerFileConnection(@Value("${spring.datasource.url}") String url,
                                               @Value("${spring.datasource.username:sa}") String username,
                                               @Value(EmbeddedLedgerStore.SECRET_FILE) Path secretFile) {
        String password = EmbeddedLedgerStore.secure(url, username, secretFile);
        return new JdbcConnectionDetails() {
            @Override
            public String getUsername() {
                return username;
            }

            @Override
            public String getPassword() {
                return password;
            }

            @Override
            public String getJdbcUrl() {
                return url;
            }
        };
    }

    @Bean
    EmbeddedStoreServer embeddedStoreServer(@Value("${spring.datasource.url}") String url,
                                            @Value("${ledger.embedded-store.port:8082}") int port) {
        return new EmbeddedStoreServer(EmbeddedLedgerStore.h2File(url).orElseThrow(), port);
    }

    @Bean
    @ConditionalOnBooleanProperty(name = "ledger.embedded-store.compaction.enabled", matchIfMissing = true)
    LedgerFileCompactor ledgerFileCompactor(
            DataSource dataSource,
            @Value("${ledger.embedded-store.compaction.interval:PT0.1S}") Duration interval,
            @Value("${ledger.embedded-store.compaction.target-fill-rate:90}") int targetFillRate,
            @Value("${ledger.embedded-store.compaction.bytes-per-round:1048576}") int bytesPerRound,
            @Value("${ledger.embedded-store.compaction.move-bytes-per-round:4194304}") int moveBytesPerRound,
            @Value("${ledger.embedded-store.compaction.max-busy-percent:25}") int maxBusyPercent) {
        return new LedgerFileCompactor(dataSource, interval, targetFillRate, bytesPerRound, moveBytesPerRound,
                maxBusyPercent);
    }

    static class ServesTheLedgerFile implements Condition {

        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return context.getEnvironment().getProperty("ledger.embedded-store.serve", Boolean.class, false)
                    && context.getEnvironment().getProperty("spring.datasource.url", "")
                    .startsWith(EmbeddedLedgerStore.H2_FILE);
        }
    }
}
