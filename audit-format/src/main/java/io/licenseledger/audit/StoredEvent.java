package io.licenseledger.audit;

/**
 * One row of the ledger ({@code domain_event_entry}) as stored, at its place in the chain. {@code metadata} and
 * {@code payload} are the stored JSON texts exactly (UTF-8): the chain hashes those bytes, never a re-serialization.
 *
 * @param position    1, 2, 3... in the order the chain took the events (their commit order), never a gap
 * @param globalIndex the row's {@code global_index} (the order of the store's sequence, not always commit order)
 * @param revision    the payload's revision, or {@code null}
 * @param time        {@code time_stamp} as stored (ISO-8601 text)
 * @param metadata    {@code meta_data} as stored (it holds the actor and the correlation id), or {@code null}
 */
public record StoredEvent(long position, long globalIndex, String eventId, String aggregateId, long sequence,
                          String type, String revision, String time, String metadata, String payload) {
}
