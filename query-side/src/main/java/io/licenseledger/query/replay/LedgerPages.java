package io.licenseledger.query.replay;

import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;

import java.util.stream.Stream;

/** The ledger as a rebuild reads it: every event after a token, in ledger order, up to the head as it is now. */
@FunctionalInterface
interface LedgerPages {

    /** The events after {@code token} (from the start when null); the stream ends at the ledger's head. */
    Stream<? extends TrackedEventMessage<?>> after(TrackingToken token);
}
