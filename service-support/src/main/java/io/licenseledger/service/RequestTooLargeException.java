package io.licenseledger.service;

import java.io.IOException;

/** Thrown while reading a body past the limit, so that it surfaces as 413 wherever it is read. */
public class RequestTooLargeException extends IOException {

    RequestTooLargeException(long limit) {
        super("the request body is larger than " + limit + " bytes");
    }
}
