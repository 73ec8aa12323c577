package org.multiprocessing4j.internal.connection;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.multiprocessing4j.AuthenticationException;

/**
 * CPython's challenge and response of {@code multiprocessing.connection}, in both directions:
 * the listener challenges the client, then the client the listener, and each sends
 * {@code #WELCOME#} or {@code #FAILURE#} after checking the other's answer.
 *
 * <p>A challenge is {@code #CHALLENGE#} and a message. This side's message is
 * {@code {sha256}} and 40 random bytes, and the answer it expects is {@code {sha256}} and the
 * HMAC-SHA256, keyed by the authentication key, of that whole message, prefix included (CPython
 * 3.12 and later). The forms before 3.12 are recognised as 3.12 recognises them: a message of 20
 * bytes is a legacy challenge, answered by its bare 16-byte HMAC-MD5; an answer of 16 (or 20)
 * bytes is a legacy answer, checked as the HMAC-MD5 of the whole message sent, since a legacy peer
 * takes all of it as its challenge; otherwise the answer names its digest in braces, one of
 * {@code md5}, {@code sha256}, {@code sha384}, {@code sha3_256} and {@code sha3_384}. Every
 * handshake message is at most 256 bytes, and nothing else is read before the handshake ends.
 */
final class Handshake {

    private static final byte[] CHALLENGE = ascii("#CHALLENGE#");
    private static final byte[] WELCOME = ascii("#WELCOME#");
    private static final byte[] FAILURE = ascii("#FAILURE#");
    private static final String OUR_DIGEST = "sha256";
    private static final int RANDOM_BYTES = 40;
    private static final int LEGACY_MESSAGE = 20;
    private static final int LEGACY_ANSWER = 16;
    private static final int LONGEST_MESSAGE = 256;
    /** CPython's digest names and the JDK's HMAC algorithms for them. */
    private static final Map<String, String> DIGESTS = Map.of("md5", "HmacMD5", "sha256", "HmacSHA256",
            "sha384", "HmacSHA384", "sha3_256", "HmacSHA3-256", "sha3_384", "HmacSHA3-384");
    private static final int LONGEST_DIGEST_NAME = 8;
    private static final SecureRandom RANDOM = new SecureRandom();

    private Handshake() {
    }

    /** The listener's part: challenges, then answers. */
    static void asListener(SocketChannelConnection connection, byte[] key, long deadline)
            throws IOException, InterruptedException {
        challenge(connection, key, deadline);
        answer(connection, key, deadline);
    }

    /** The client's part: answers, then challenges. */
    static void asClient(SocketChannelConnection connection, byte[] key, long deadline)
            throws IOException, InterruptedException {
        answer(connection, key, deadline);
        challenge(connection, key, deadline);
    }

    private static void challenge(SocketChannelConnection connection, byte[] key, long deadline)
            throws IOException, InterruptedException {
        byte[] random = new byte[RANDOM_BYTES];
        RANDOM.nextBytes(random);
        byte[] message = concat(ascii("{" + OUR_DIGEST + "}"), random);
        connection.sendBytes(concat(CHALLENGE, message));
        byte[] answer = connection.recvBytes(LONGEST_MESSAGE, deadline);
        AuthenticationException refusal;
        try {
            if (isRightAnswer(key, message, answer)) {
                connection.sendBytes(WELCOME);
                return;
            }
            refusal = new AuthenticationException("the peer's answer to this side's challenge is wrong: it does not"
                    + " hold the same authentication key");
        } catch (AuthenticationException e) {
            refusal = e;
        }
        connection.sendBytes(FAILURE);
        throw refusal;
    }

    private static void answer(SocketChannelConnection connection, byte[] key, long deadline)
            throws IOException, InterruptedException {
        byte[] challenge = connection.recvBytes(LONGEST_MESSAGE, deadline);
        if (!startsWith(challenge, CHALLENGE)) {
            throw new AuthenticationException("the peer sent no challenge where one was due (does it use a key?)");
        }
        byte[] message = Arrays.copyOfRange(challenge, CHALLENGE.length, challenge.length);
        if (message.length < LEGACY_MESSAGE) {
            throw new AuthenticationException("a challenge of " + message.length + " bytes, too short");
        }
        connection.sendBytes(answerTo(key, message));
        if (!Arrays.equals(connection.recvBytes(LONGEST_MESSAGE, deadline), WELCOME)) {
            throw new AuthenticationException("the peer refused this side's answer: it does not hold the same"
                    + " authentication key");
        }
    }

    /**
     * The answer to a challenge's message: its bare HMAC-MD5 for a legacy one, otherwise the
     * digest it names in braces and the HMAC with that digest.
     */
    static byte[] answerTo(byte[] key, byte[] message) throws AuthenticationException {
        String digest = digestNamed(message);
        if (digest == null) {
            return hmac("md5", key, message);
        }
        return concat(ascii("{" + digest + "}"), hmac(digest, key, message));
    }

    /** Whether {@code answer} proves the key for the challenge {@code message}, as CPython checks it. */
    static boolean isRightAnswer(byte[] key, byte[] message, byte[] answer) throws AuthenticationException {
        String digest = digestNamed(answer);
        byte[] mac = digest == null ? answer : Arrays.copyOfRange(answer, digest.length() + 2, answer.length);
        // constant time: MessageDigest.isEqual looks at every byte however early they differ
        return MessageDigest.isEqual(hmac(digest == null ? "md5" : digest, key, message), mac);
    }

    /**
     * The digest a message or answer names as {@code {name}} before its bytes; {@code null} for the
     * legacy lengths, which name none.
     */
    private static String digestNamed(byte[] bytes) throws AuthenticationException {
        if (bytes.length == LEGACY_MESSAGE || bytes.length == LEGACY_ANSWER) {
            return null;
        }
        if (bytes.length > 0 && bytes[0] == '{') {
            for (int i = 1; i < Math.min(bytes.length, LONGEST_DIGEST_NAME + 2); i++) {
                if (bytes[i] == '}') {
                    String name = new String(bytes, 1, i - 1, StandardCharsets.US_ASCII);
                    if (DIGESTS.containsKey(name)) {
                        return name;
                    }
                    break;
                }
            }
        }
        throw new AuthenticationException("a handshake message of " + bytes.length + " bytes that names no digest"
                + " this side knows");
    }

    private static byte[] hmac(String digest, byte[] key, byte[] message) {
        try {
            Mac mac = Mac.getInstance(DIGESTS.get(digest));
            // the JDK refuses an empty key; HMAC pads a short key with zero bytes, so one zero byte
            // is the same key as none
            mac.init(new SecretKeySpec(key.length == 0 ? new byte[1] : key, mac.getAlgorithm()));
            return mac.doFinal(message);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC with " + digest + " is not available", e);
        }
    }

    private static boolean startsWith(byte[] bytes, byte[] prefix) {
        return bytes.length >= prefix.length && Arrays.equals(bytes, 0, prefix.length, prefix, 0, prefix.length);
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] both = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
