package org.multiprocessing4j.internal.launch;

import org.multiprocessing4j.ProcessIdentity;

/**
 * The process this code runs in.
 *
 * @param name its name
 * @param pid its pid
 * @param isDaemon whether it is a daemon
 * @param identity its position in the process tree: empty for the main process
 */
record CurrentProcess(String name, long pid, boolean isDaemon, int[] identity) implements ProcessIdentity {

    static CurrentProcess main() {
        return new CurrentProcess("MainProcess", ProcessHandle.current().pid(), false, new int[0]);
    }

    @Override
    public boolean isAlive() {
        return true;
    }

    /** The name Python gives the {@code number}-th child of this process. */
    String childName(int number) {
        StringBuilder name = new StringBuilder("Process-");
        for (int part : identity) {
            name.append(part).append(':');
        }
        return name.append(number).toString();
    }

    int[] childIdentity(int number) {
        int[] child = java.util.Arrays.copyOf(identity, identity.length + 1);
        child[identity.length] = number;
        return child;
    }

    @Override
    public String toString() {
        return "<" + name + " pid=" + pid + (isDaemon ? " daemon" : "") + ">";
    }
}
