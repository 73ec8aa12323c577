package org.multiprocessing4j.internal.channel;

import org.multiprocessing4j.internal.shm.RingSegment;
import org.multiprocessing4j.internal.shm.WaitGate;

/**
 * The control cells and records of a {@link MessageRing}.
 *
 * <p>Cell 0 is written by readers, cell 1 by writers, so that each side's hot word has its own
 * cache line. Each side's cell also holds the gate that side wakes, so that the look at it after
 * each message stays in the side's own line: readers wake writers waiting for room, writers wake
 * readers waiting for data.
 * <pre>
 *   cell 0 (readers)
 *   0          8                      24         28         32            40                     56   60  64
 *   +----------+----------------------+----------+----------+-------------+----------------------+----+---+
 *   |   head   | not-full wait gate   | reading  |          | unfinished  |  all-done wait gate  |read|tag|
 *   +----------+----------------------+----------+----------+-------------+----------------------+----+---+
 *   cell 1 (writers)
 *   0          8                      24         28         32       36       40       44       48       52  60  64
 *   +----------+----------------------+----------+----------+--------+--------+--------+--------+--------+---+---+
 *   |   tail   | not-empty wait gate  | writing  |          |written | bound  |w-holds |r-holds | held   |   |tag|
 *   +----------+----------------------+----------+----------+--------+--------+--------+--------+--------+---+---+
 *   cells 2 to 33: the writing end's holders, cells 34 to 65: the reading end's holders,
 *   cell 66: the writers' lock, cell 67: the readers' lock (see RobustMutex's layout)
 *   0         8         16        24        32        40        48      60  64
 *   +---------+---------+---------+---------+---------+---------+-------+---+
 *   | holder  | sender  | holder  | sender  | holder  | sender  |       |tag|
 *   +---------+---------+---------+---------+---------+---------+-------+---+
 * </pre>
 * {@code head} and {@code tail} are positions in the data that only grow: the bytes in between
 * are committed records not yet read. {@code writing} is 1 while a writer is between the first
 * and the last chunk of a message, {@code reading} while a reader is: a writer or reader that
 * finds it set knows its predecessor died mid-message. {@code written} and {@code read} count the
 * whole messages written and read (or skipped), each by its own side under its lock, so that
 * neither side writes the other's cache line per message; their difference is the number of
 * messages in the ring. {@code bound} is the most it may hold (0: no bound), {@code unfinished} the
 * messages put and not yet marked done (joinable queues).
 *
 * <p>{@code held} is 1 for the ring of a pipe, whose ends are held by processes (see
 * {@link RingHolders}): {@code w-holds} and {@code r-holds} count the holder words in use in each
 * end's table. A holder word is the {@linkplain org.multiprocessing4j.internal.sync.Owners owner
 * word} of a process that holds the end, or, for an end in flight to another process, a number
 * drawn for that one sending with its lowest bit set (owner words have it clear), beside the
 * sender's owner word. Both counts are in the writers' cell, where the writers who check the
 * reading end's are; the reading end's count changes only when a process takes or gives up that
 * end. A queue's ring has no holders.
 *
 * <p>A record is a 16-byte header then the chunk's bytes, padded to 16, so headers never wrap:
 * <pre>
 *   0          4          8                        16
 *   +----------+----------+------------------------+---------------- - -
 *   |  length  |  flags   |  message length        |  chunk bytes
 *   +----------+----------+------------------------+---------------- - -
 * </pre>
 */
final class RingLayout {

    static final int HEAD = 0;
    /** In the readers' cell: the readers wake writers through it. */
    static final int NOT_FULL = 8;
    static final int READING = 24;
    static final int UNFINISHED = 32;
    static final int ALL_DONE = 40;

    static final int TAIL = 0;
    /** In the writers' cell: the writers wake readers through it. */
    static final int NOT_EMPTY = 8;
    static final int WRITING = 24;
    /** Whole messages written, ever (wraps); in the writers' cell. */
    static final int WRITTEN = 32;
    /** Whole messages read or skipped, ever (wraps); in the readers' cell. */
    static final int READ = 56;
    static final int BOUND = 36;
    /** Holder words in use in the writing end's table; in the writers' cell. */
    static final int WRITER_HOLDS = 40;
    /** Holder words in use in the reading end's table; in the writers' cell. */
    static final int READER_HOLDS = 44;
    /** 1 for a pipe's ring, whose ends have holders. */
    static final int HELD = 48;
    /** The first cell of the writing end's holders, and how many cells each end's holders take. */
    static final int WRITER_HOLDER_CELLS = 2;
    static final int READER_HOLDER_CELLS = 34;
    static final int HOLDER_CELLS = 32;
    /** The cells of the writers' and the readers' locks: the ring's whole state is in its own segment. */
    static final int WRITER_LOCK_CELL = 66;
    static final int READER_LOCK_CELL = 67;
    /** Holders per cell: a holder word and a sender word every 16 bytes, before the tag. */
    static final int HOLDERS_PER_CELL = 3;
    static final int HOLDER_SIZE = 16;
    /** Where a holder's sender word is, from its holder word. */
    static final int SENDER = 8;

    static final int RECORD_HEADER = 16;
    /** The chunk's first bytes start a message. */
    static final int FIRST = 1;
    /** The chunk's last bytes end a message. */
    static final int LAST = 2;
    /** The message being written was abandoned by a writer that died: drop what was read of it. */
    static final int ABORT = 4;

    static {
        if (ALL_DONE + WaitGate.SIZE > 60 || NOT_EMPTY + WaitGate.SIZE > WRITING || NOT_FULL + WaitGate.SIZE > READING
                || HELD + 4 > 60 || HOLDERS_PER_CELL * HOLDER_SIZE > 60
                || READER_HOLDER_CELLS + HOLDER_CELLS != WRITER_LOCK_CELL || READER_LOCK_CELL + 1 != RingSegment.CONTROL_CELLS) {
            throw new AssertionError("the ring's control fields overlap");
        }
    }

    private RingLayout() {
    }

    /** The bytes a record of a chunk of {@code length} bytes takes. */
    static long recordSize(int length) {
        return RECORD_HEADER + ((length + 15L) & ~15L);
    }
}
