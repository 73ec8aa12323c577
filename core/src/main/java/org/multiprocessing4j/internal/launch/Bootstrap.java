package org.multiprocessing4j.internal.launch;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * What a parent tells a child after it connects: who the child is (its pid too, which spares the
 * child the cost of asking the operating system in its first milliseconds), who its parent is, and
 * the serialized target. Written with plain data streams, not object serialization, so a child can
 * read its identity even when its target cannot be deserialized.
 *
 * @param name the child's name
 * @param pid the child's pid, as the parent sees it
 * @param identity the child's position in the process tree, {@code [1, 2]} for {@code Process-1:2}
 * @param daemon whether the child is a daemon
 * @param parentName the parent's name
 * @param parentPid the parent's pid
 * @param parentSession the parent's session directory, removed by a child that outlives it; empty
 *     if the parent has none
 * @param target the serialized target
 */
record Bootstrap(String name, long pid, int[] identity, boolean daemon, String parentName, long parentPid,
        String parentSession, byte[] target) {

    /** Frame type: child to parent, the token its parent put in its environment. */
    static final byte HELLO = 1;
    /** Frame type: parent to child, a {@code Bootstrap}, sent once the child has said hello. */
    static final byte BOOT = 2;
    /**
     * Frame type: child to parent, sent when a child that has no bootstrap yet (a spare) has
     * finished warming up, so that the target it gets next does not compete with the warm-up.
     */
    static final byte READY = 4;
    /** Frame type: child to parent, its exit code and the exception that ended it, if any. */
    static final byte EXIT = 3;
    /**
     * Frame type: parent to a spare, right after its hello, or to the cold child that trains the
     * class-data archive, before its bootstrap: the encoded target of a recent start, or nothing.
     * The child rehearses it (see {@link ChildMain}); a spare then says it is ready.
     */
    static final byte REHEARSE = 5;

    byte[] encode() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(target.length + 128);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeUTF(name);
            out.writeLong(pid);
            out.writeInt(identity.length);
            for (int part : identity) {
                out.writeInt(part);
            }
            out.writeBoolean(daemon);
            out.writeUTF(parentName);
            out.writeLong(parentPid);
            out.writeUTF(parentSession);
            out.writeInt(target.length);
            out.write(target);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static Bootstrap decode(byte[] payload) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(payload));
        String name = in.readUTF();
        long pid = in.readLong();
        int[] identity = new int[in.readInt()];
        for (int i = 0; i < identity.length; i++) {
            identity[i] = in.readInt();
        }
        boolean daemon = in.readBoolean();
        String parentName = in.readUTF();
        long parentPid = in.readLong();
        String parentSession = in.readUTF();
        byte[] target = in.readNBytes(in.readInt());
        return new Bootstrap(name, pid, identity, daemon, parentName, parentPid, parentSession, target);
    }
}
