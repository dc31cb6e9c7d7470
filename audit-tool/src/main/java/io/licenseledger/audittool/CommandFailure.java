package io.licenseledger.audittool;

/** A failure the user can act on (a missing file, a bad key, an unreachable store): one line on stderr, exit 2. */
final class CommandFailure extends Exception {

    CommandFailure(String message) {
        super(message);
    }
}
