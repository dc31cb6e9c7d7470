package io.licenseledger.query;

import io.licenseledger.events.InvalidValueException;

/** One page of a listing: {@code page} counts from 0, {@code size} is 1..{@value #MAX_SIZE}. */
public record Paging(int page, int size) {

    public static final int MAX_SIZE = 500;

    public Paging {
        if (page < 0) {
            throw new InvalidValueException("page must be 0 or more");
        }
        if (size < 1 || size > MAX_SIZE) {
            throw new InvalidValueException("size must be between 1 and " + MAX_SIZE);
        }
    }

    public long offset() {
        return (long) page * size;
    }
}
