package io.licenseledger.e2e;

class EmbeddedStoreSdkContractTest extends SdkContractPath {

    @Override
    LedgerStore store() throws Exception {
        return LedgerStore.embedded(LedgerCluster.tempDir("ledger-h2").resolve("data"));
    }
}
