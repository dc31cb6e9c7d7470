package io.licenseledger.e2e;

class PostgresStoreSdkContractTest extends SdkContractPath {

    @Override
    LedgerStore store() throws Exception {
        return LedgerStore.postgres();
    }
}
