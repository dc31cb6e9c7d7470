package io.licenseledger.service;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.AnnotatedTypeMetadata;

import java.nio.file.Path;

/**
 * The service whose own database is the ledger's H2 file ({@code ledger.embedded-store.serve=true}: the command side)
 * opens it with the generated password and serves it to the query side.
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

    static class ServesTheLedgerFile implements Condition {

        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return context.getEnvironment().getProperty("ledger.embedded-store.serve", Boolean.class, false)
                    && context.getEnvironment().getProperty("spring.datasource.url", "")
                    .startsWith(EmbeddedLedgerStore.H2_FILE);
        }
    }
}
