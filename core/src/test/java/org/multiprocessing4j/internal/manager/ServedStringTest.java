package org.multiprocessing4j.internal.manager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class ServedStringTest {

    private final ServedString string = new ServedString(4, "abc");

    @Test
    void getSetAndGetAndSetReplaceTheWholeString() {
        assertThat(string.capacity()).isEqualTo(4);
        assertThat(string.get()).isEqualTo("abc");
        string.set("abcd");
        assertThat(string.getAndSet("")).isEqualTo("abcd");
        assertThat(string.get()).isEmpty();
        string.set("x");
        assertThat(string).hasToString("x");
    }

    @Test
    void theCapacityIsInBytesOfUtf8AndALongerStringIsRefusedGivingBothLengths() {
        string.set("éé");
        assertThat(string.get()).isEqualTo("éé");

        assertThatThrownBy(() -> string.set("é€"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("5 bytes")
                .hasMessageContaining("4 bytes");
        assertThatThrownBy(() -> string.getAndSet("abcde")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> string.compareAndSet("éé", "abcde")).isInstanceOf(IllegalArgumentException.class);
        assertThat(string.get()).isEqualTo("éé");
    }

    @Test
    void theCapacityAndTheInitialStringAreCheckedWhenMade() {
        assertThat(new ServedString(0, "").get()).isEmpty();
        assertThatThrownBy(() -> new ServedString(-1, "")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ServedString(2, "€")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ServedString(2, null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void compareAndSetComparesWithEqualsNotIdentity() {
        assertThat(string.compareAndSet("abd", "x")).isFalse();
        assertThat(string.get()).isEqualTo("abc");

        assertThat(string.compareAndSet(new String("abc"), "x")).isTrue();
        assertThat(string.get()).isEqualTo("x");
    }

    @Test
    void nullIsRefused() {
        assertThatThrownBy(() -> string.set(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> string.getAndSet(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> string.compareAndSet(null, "x")).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> string.compareAndSet("abc", null)).isInstanceOf(NullPointerException.class);
        assertThat(string.get()).isEqualTo("abc");
    }

    @Test
    void compareAndSetLoopsFromFourThreadsLoseNoUpdate() throws Exception {
        ServedString counter = new ServedString(8, "0");

        ConnectionThread.runOnEach(4, () -> {
            for (int i = 0; i < 10_000; i++) {
                String old;
                do {
                    old = counter.get();
                } while (!counter.compareAndSet(new String(old), Integer.toString(Integer.parseInt(old) + 1)));
            }
            return null;
        });

        assertThat(counter.get()).isEqualTo("40000");
    }

    @Test
    void theLockIsAReentrantLockOfItsOwnTheSameEachCall() {
        assertThat(string.lock()).isInstanceOf(ServedReentrantLock.class).isSameAs(string.lock());
        assertThat(string.lock()).isNotSameAs(new ServedString(4, "abc").lock());
    }
}
