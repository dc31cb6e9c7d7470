package io.licenseledger.command;

import io.licenseledger.service.LedgerApplications;
import io.licenseledger.service.ServiceSupportConfiguration;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.type.LogicalType;

@SpringBootApplication
@ConfigurationPropertiesScan
@Import(ServiceSupportConfiguration.class)
public class CommandSideApplication {

    public static void main(String[] args) {
        LedgerApplications.run(CommandSideApplication.class, args);
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
}
