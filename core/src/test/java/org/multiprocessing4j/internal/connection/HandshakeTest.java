package org.multiprocessing4j.internal.connection;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.multiprocessing4j.AuthenticationException;

/**
 * The answers of CPython 3.12's handshake, byte for byte; the expected MACs are RFC 2202's and
 * those Python's {@code hmac} module gives for the same key and message.
 */
class HandshakeTest {

    private static final byte[] KEY = "key".getBytes(US_ASCII);

    @Test
    void aLegacyChallengeOf20BytesIsAnsweredByItsBareHmacMd5() throws Exception {
        byte[] key = new byte[16];
        Arrays.fill(key, (byte) 0x0c);
        // RFC 2202, HMAC-MD5 test case 5
        assertThat(Handshake.answerTo(key, "Test With Truncation".getBytes(US_ASCII)))
                .isEqualTo(hex("56461ef2342edc00f9bab995690efd4c"));
    }

    @Test
    void aChallengeNamingADigestIsAnsweredByThatNameAndTheHmacOfTheWholeMessage() throws Exception {
        byte[] message = named("{sha384}");
        assertThat(Handshake.answerTo(KEY, message)).isEqualTo(concat("{sha384}", hex("2f1a4233782b9eb58bdc61e0bbfc3dc5"
                + "18ef4f11e57c645b0a71de4ed5b9d38b1046df44f799a8dd5a563cfd2001a53d")));
        assertThat(Handshake.answerTo(KEY, named("{sha3_256}"))).isEqualTo(concat("{sha3_256}",
                hex("8952712aef2d0531a6eea6353c874de5335699947695baa0cfd0d30f50c0a5eb")));
    }

    @Test
    void anEmptyKeyIsTheKeyPythonsHmacTakesItFor() throws Exception {
        byte[] message = concat("{sha256}", new byte[40]);
        assertThat(Handshake.answerTo(new byte[0], message)).isEqualTo(concat("{sha256}",
                hex("9448ddf834f576afe786ffc53b437603233609c033f93c36174cb159aef4309d")));
    }

    @Test
    void aLegacyAnswerToOurChallengeIsTheHmacMd5OfAllOfItPrefixIncluded() throws Exception {
        byte[] message = concat("{sha256}", new byte[40]);
        byte[] legacy = hex("4f64d09fcac80c544c37b6d63c1f246c");
        assertThat(Handshake.isRightAnswer(KEY, message, legacy)).isTrue();
        legacy[0] ^= 1;
        assertThat(Handshake.isRightAnswer(KEY, message, legacy)).isFalse();
        assertThat(Handshake.isRightAnswer(KEY, message, Handshake.answerTo(KEY, message))).isTrue();
        assertThat(Handshake.isRightAnswer("other".getBytes(US_ASCII), message, Handshake.answerTo(KEY, message)))
                .isFalse();
    }

    @Test
    void anAnswerNamingAnUnknownDigestOrOfTheWrongLengthIsRefused() throws Exception {
        byte[] message = concat("{sha256}", new byte[40]);
        assertThatThrownBy(() -> Handshake.isRightAnswer(KEY, message, concat("{sha1}", new byte[20])))
                .isInstanceOf(AuthenticationException.class);
        assertThatThrownBy(() -> Handshake.isRightAnswer(KEY, message, new byte[32]))
                .isInstanceOf(AuthenticationException.class);
        assertThat(Handshake.isRightAnswer(KEY, message, concat("{sha256}", new byte[16]))).isFalse();
    }

    /** The name and the bytes 0 to 39, as the messages whose MACs Python computed. */
    private static byte[] named(String name) {
        byte[] random = new byte[40];
        for (int i = 0; i < random.length; i++) {
            random[i] = (byte) i;
        }
        return concat(name, random);
    }

    private static byte[] concat(String prefix, byte[] bytes) {
        byte[] start = prefix.getBytes(US_ASCII);
        byte[] both = Arrays.copyOf(start, start.length + bytes.length);
        System.arraycopy(bytes, 0, both, start.length, bytes.length);
        return both;
    }

    private static byte[] hex(String digits) {
        return HexFormat.of().parseHex(digits);
    }
}
