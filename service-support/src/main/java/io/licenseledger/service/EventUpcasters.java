package io.licenseledger.service;

import io.licenseledger.events.project.QuotaAdded;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;

import java.util.function.Function;

/**
 * Reads events stored under names or shapes of earlier revisions as today's: both services' event stores and the
 * rebuild read the ledger through it (Axon registers it in its upcaster chain). The stored rows are never changed.
 */
public class EventUpcasters extends SingleEventUpcaster {

    /** Before the design card's vocabulary, adding quota recorded {@code ItemAttached}, with the fields of today's {@link QuotaAdded}. */
    static final SimpleSerializedType ITEM_ATTACHED =
            new SimpleSerializedType("io.licenseledger.events.project.ItemAttached", "1");
    private static final SimpleSerializedType QUOTA_ADDED = new SimpleSerializedType(QuotaAdded.class.getName(), "1");

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation representation) {
        return representation.getType().equals(ITEM_ATTACHED);
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation representation) {
        return representation.upcastPayload(QUOTA_ADDED, byte[].class, Function.identity());
    }
}
