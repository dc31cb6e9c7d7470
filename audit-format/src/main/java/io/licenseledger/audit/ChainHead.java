package io.licenseledger.audit;

/** The chain's position and hash ({@code ledger_chain_head}); position 0 and {@link LedgerChain#START} before the first event. */
public record ChainHead(long position, byte[] hash) {
}
