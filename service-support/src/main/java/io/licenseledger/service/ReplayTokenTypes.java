package io.licenseledger.service;

import org.axonframework.serialization.jackson3.Jackson3SerializerCustomizer;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.jsontype.BasicPolymorphicTypeValidator;

/**
 * Lets the token store read back the {@code ReplayToken} a reset writes. Its {@code context} is declared as
 * {@code Object} with a class type id, and Jackson 3's default validator refuses {@code Object} as a polymorphic base
 * type, so with {@code axon.serializer.general: jackson3} every processor fails to claim its segment after a reset.
 * Type ids are still only accepted for Axon's own classes (the tokens).
 */
public final class ReplayTokenTypes implements Jackson3SerializerCustomizer {

    @Override
    public void accept(JsonMapper.Builder builder) {
        builder.polymorphicTypeValidator(BasicPolymorphicTypeValidator.builder()
                .allowIfSubType("org.axonframework.")
                .build());
    }
}
