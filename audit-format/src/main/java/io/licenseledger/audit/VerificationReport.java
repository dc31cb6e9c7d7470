package io.licenseledger.audit;

/**
 * What {@link ExportVerifier} found: either the export is intact ({@code failure} null), or where it first went wrong
 * and why. The counts cover the lines verified before any failure.
 *
 * @param position           intact: the export's last position; failed: the first position found bad (for a
 *                           checkpoint that does not match, an event between the previous checkpoint and it)
 * @param after              the position the export follows (its start line)
 * @param lastSignedPosition the position of the last checkpoint that verified, or -1 when none did
 */
public record VerificationReport(Failure failure, long position, String reason, long after, long events,
                                 long omitted, long checkpoints, long lastSignedPosition) {

    public enum Failure {
        /** A line that is not part of an export: not JSON, a missing field, an unknown kind, not a start first. */
        MALFORMED,
        /** An event's fields do not give its digest: its payload, time, metadata (actor) or another field changed. */
        ALTERED,
        /** A position missing, repeated or out of order: an event removed, inserted or moved. */
        OUT_OF_ORDER,
        /** A chain hash that does not follow from the one before: an event inserted, removed or moved, renumbered. */
        BROKEN_CHAIN,
        /** A checkpoint whose signature does not verify with a trusted key: forged or altered. */
        FORGED_CHECKPOINT,
        /** A validly signed checkpoint whose hash differs from the chain recomputed up to it: events were rewritten. */
        CHECKPOINT_MISMATCH,
        /** The export stops before its end line. */
        TRUNCATED,
        /** The end line disagrees with what came before it, or lines follow it. */
        BAD_END
    }

    public boolean intact() {
        return failure == null;
    }

    /** Events after the last verified checkpoint (or after the start when none verified): no signature covers them. */
    public long unsignedPositions() {
        return position - (lastSignedPosition < 0 ? after : lastSignedPosition);
    }
}
