package org.example.captured;

import java.io.Serializable;

/** A user's class, outside the library's packages. */
public final class UserValue implements Serializable {

    private static final long serialVersionUID = 1L;

    private final int number;

    public UserValue(int number) {
        this.number = number;
    }

    public int number() {
        return number;
    }
}
