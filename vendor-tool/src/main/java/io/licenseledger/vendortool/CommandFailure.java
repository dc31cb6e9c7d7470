package io.licenseledger.vendortool;

/** A failure the user can act on (a missing file, a bad key): one line on stderr, exit code 1, no stack trace. */
final class CommandFailure extends Exception {

    CommandFailure(String message) {
        super(message);
    }
}
