package io.licenseledger.query.quota;

import java.time.Instant;
import java.util.List;

/**
 * Items linked by {@code renewalOf}, named by the first item's id, with their terms oldest first. Quota is per term
 * and never rolled over (rule L4), so each term shows its own use. {@code currentItemId} is the term valid now (the
 * one that ends soonest should renewals overlap, as it serves first by rule L5), or null.
 */
public record RenewalChain(String chainId, String currentItemId, List<ItemTerm> terms) {

    /**
     * {@code used} is units counted against the item (PER_USAGE), or for the device types the seats held now, and
     * once the term ended the seats still held at its end. {@code unused} is {@code quantity - used}, at least 0:
     * for an ended term, what was not carried over.
     */
    public record ItemTerm(String itemId, String type, long quantity, Instant validFrom, Instant validUntil,
                           ItemStatus.Term status, String lifecycle, long used, long unused) {
    }
}
