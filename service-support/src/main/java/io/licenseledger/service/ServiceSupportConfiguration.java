package io.licenseledger.service;

import org.apache.catalina.Host;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.axonframework.serialization.jackson3.Jackson3SerializerCustomizer;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.type.LogicalType;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.transaction.PlatformTransactionManager;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import tools.jackson.databind.json.JsonMapper;

import javax.sql.DataSource;
import java.nio.file.Path;
import java.time.Clock;

/** The web and ledger plumbing both services import. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(LedgerProperties.class)
@Import({ProblemResponses.class, ProblemErrorController.class, SecurityConfiguration.class,
        JdbcEventStoreConfiguration.class, SharedMigrations.class, EmbeddedStoreConfiguration.class,
        EventUpcasters.class})
public class ServiceSupportConfiguration {

    /**
     * Axon's units of work run in the Spring transaction, so events, lookups, read models and tokens commit together.
     * Declared here because Axon 4.13.0's auto-configuration misses Spring Boot 4's relocated transaction manager.
     */
    @Bean
    TransactionManager axonTransactionManager(PlatformTransactionManager transactionManager) {
        return new SpringTransactionManager(transactionManager);
    }

    /** The one clock decisions read: the system's, or one tests can move forward. */
    @Bean
    @ConditionalOnProperty(name = "ledger.clock.adjustable", havingValue = "false", matchIfMissing = true)
    Clock clock() {
        return Clock.systemUTC();
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(name = "ledger.clock.adjustable", havingValue = "true")
    @Import(ClockController.class)
    static class AdjustableClockConfiguration {

        @Bean
        AdjustableClock clock(LedgerDatabase ledger) {
            return new AdjustableClock(ledger.jdbc());
        }

        /**
         * The ledger records each event at this clock's time, as it records the times inside the events, so that an
         * instant asked of the ledger (as of, export) means the same on both. Restored when the context closes.
         */
        @Bean
        AutoCloseable eventTimestampsFollowTheClock(AdjustableClock clock) {
            GenericEventMessage.clock = clock;
            return () -> GenericEventMessage.clock = Clock.systemUTC();
        }
    }

    /**
     * Copies who caused a command and the request's correlation id onto every event it produces (rule AU2). Axon's
     * own provider is left out once one is declared, and it would name the command's message id instead.
     */
    @Bean
    CorrelationDataProvider requestCorrelation() {
        return new SimpleCorrelationDataProvider(RequestContext.ACTOR, RequestContext.CORRELATION_ID);
    }

    /**
     * A number or boolean where a string belongs is a wrong type (SPEC section 5), not a value to coerce:
     * {@code allow-coercion-of-scalars: false} does not cover coercion into strings.
     */
    @Bean
    JsonMapperBuilderCustomizer noCoercionIntoStrings() {
        return builder -> builder.withCoercionConfig(LogicalType.Textual, strings -> strings
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail));
    }

    /**
     * A processor reset, on either side, stores a replay token the service must read back. Axon's auto-configuration
     * applies only the first {@link Jackson3SerializerCustomizer} bean it finds, so this is to stay the only one.
     */
    @Bean
    Jackson3SerializerCustomizer readableReplayTokens() {
        return new ReplayTokenTypes();
    }

    /** An H2 ledger opens with the password in {@code ledger.embedded-store.secret-file}, never a configured one. */
    @Bean
    LedgerDatabase ledgerDatabase(DataSource dataSource,
                                  @Value("${ledger.event-store.url:}") String url,
                                  @Value("${ledger.event-store.username:sa}") String username,
                                  @Value("${ledger.event-store.password:}") String password,
                                  @Value(EmbeddedLedgerStore.SECRET_FILE) Path secretFile) {
        if (url.isBlank()) {
            return LedgerDatabase.serviceDatabase(dataSource);
        }
        return LedgerDatabase.separate(url, username, url.startsWith("jdbc:h2:")
                ? EmbeddedLedgerStore.password(url, username, secretFile) : password);
    }

    @Bean
    ApiTokens apiTokens(LedgerDatabase ledger, Clock clock) {
        return new ApiTokens(ledger.jdbc(), clock);
    }

    @Bean
    ApiTokenBootstrap apiTokenBootstrap(ApiTokens tokens, LedgerProperties properties,
                                        @Value("${ledger.data-dir:./data}") Path dataDir) {
        return new ApiTokenBootstrap(tokens, properties, dataDir.resolve(ApiTokenBootstrap.GENERATED_TOKEN_FILE),
                System.out);
    }

    @Bean
    ProblemWriter problemWriter(JsonMapper json) {
        return new ProblemWriter(json);
    }

    @Bean
    FilterRegistrationBean<CorrelationIdFilter> correlationIdFilter() {
        FilterRegistrationBean<CorrelationIdFilter> registration = new FilterRegistrationBean<>(new CorrelationIdFilter());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    @Bean
    FilterRegistrationBean<RequestSizeLimitFilter> requestSizeLimitFilter(LedgerProperties properties,
                                                                          ProblemWriter problems) {
        FilterRegistrationBean<RequestSizeLimitFilter> registration = new FilterRegistrationBean<>(
                new RequestSizeLimitFilter(properties.maxRequestBytes(), problems));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
        return registration;
    }

    /** Tomcat's own error answers as problem+json too (see {@link ProblemErrorReportValve}). */
    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemErrorReports(ProblemWriter problems) {
        return factory -> factory.addContextCustomizers(
                context -> ProblemErrorReportValve.install((Host) context.getParent(), problems));
    }

    @Bean
    FilterRegistrationBean<ContentTypeFilter> contentTypeFilter(ProblemWriter problems) {
        FilterRegistrationBean<ContentTypeFilter> registration = new FilterRegistrationBean<>(
                new ContentTypeFilter(problems));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 2);
        return registration;
    }
}
