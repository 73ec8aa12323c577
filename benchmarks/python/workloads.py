"""The CPython side of benchmarks/compare: the same workloads as the Java side
(CompareWorkloads), with the standard library's multiprocessing, each result printed on standard
output as one line of the format in result_line.py, for report.py to merge with the Java side's.
Progress and errors go to standard error. Standard library only.

    python3 workloads.py [--warmup N] [--repetitions N] [--steady-seconds S] [--only PREFIX] [--forks N]

Each workload runs in --forks interpreters of its own, one after the other, each printing its own
lines; the report pools their repetitions, as on the Java side.
"""

# Only what the children need is imported at the top. spawn and forkserver children import this
# module again (as __mp_main__), and the time those imports take is timed as part of their start;
# argparse, dataclasses and the like would make CPython look slower than it is. Everything else is
# imported inside the functions that use it.
import multiprocessing as mp
import sys
import time

START_METHODS = ("fork", "forkserver", "spawn")
SETTLE_SECONDS = 1.0  # the pause before each workload, the same on both sides


def noop():
    """The child's target. Module level, so spawn and forkserver children find it by import."""


def collect(settings, trial, steady=False):
    """Runs trial() settings.warmup times without keeping the result, then settings.repetitions
    times; each call returns the seconds it measured itself, so a workload can leave set-up out.
    A steady workload also warms up until settings.steady_seconds have passed, then in windows of
    at most 2 s (and at most the steady time) until the median runs of two windows in a row are
    each no more than 3% faster than the fastest window's before them, for at most ten times the
    steady time, as on the Java side."""
    end = time.perf_counter() + (settings.steady_seconds if steady else 0)
    runs = 0
    while runs < settings.warmup or time.perf_counter() < end:
        trial()
        runs += 1
    if steady and settings.steady_seconds > 0:
        window = min(2.0, settings.steady_seconds)
        give_up = time.perf_counter() + 10 * settings.steady_seconds
        fastest = window_median(trial, window)
        unimproved = 0
        while unimproved < 2 and time.perf_counter() < give_up:
            now = window_median(trial, window)
            unimproved = unimproved + 1 if now > fastest * 0.97 else 0
            fastest = min(fastest, now)
    return [trial() * 1000.0 for _ in range(settings.repetitions)]


def window_median(trial, seconds):
    """The median run of trial() over seconds, the upper one of an even count, as on the Java side."""
    end = time.perf_counter() + seconds
    times = [trial()]
    while time.perf_counter() < end:
        times.append(trial())
    return sorted(times)[len(times) // 2]


def process_start_join(settings, out):
    """process.start-join: Process(target=noop); start(); join(), timed as a whole, once per start
    method. The warm-up runs start forkserver's server, so its one-time start is not timed."""
    for method in START_METHODS:
        context = mp.get_context(method)

        def trial():
            begin = time.perf_counter()
            process = context.Process(target=noop)
            process.start()
            process.join()
            elapsed = time.perf_counter() - begin
            if process.exitcode != 0:
                raise RuntimeError(f"no-op child ({method}) exited with {process.exitcode}")
            # close() is bookkeeping after the child is gone; the Java side does not time it either
            process.close()
            return elapsed

        out(millis("process.start-join", method, collect(settings, trial)))


def idle_memory(settings, out):
    """process.idle-memory: the resident set (VmRSS, MiB) of forkserver's server process, what
    Python keeps running to start children fast; the counterpart of an idle spare JVM."""
    from multiprocessing import forkserver

    from result_line import line

    process = mp.get_context("forkserver").Process(target=noop)
    process.start()  # makes sure the server runs
    process.join()
    pid = forkserver._forkserver._forkserver_pid  # there is no public way to ask
    with open(f"/proc/{pid}/status") as status:
        kib = next(int(field.split()[1]) for field in status if field.startswith("VmRSS:"))
    out(line("process.idle-memory", "forkserver", [kib / 1024.0], "MiB", True))


def runtime_start(settings, out):
    """baseline.runtime-start: a bare interpreter (python -c pass) started and waited for; the
    floor under process.start-join for spawn. A reference, not a multiprocessing feature."""
    import subprocess

    command = [sys.executable, "-c", "pass"]

    def trial():
        begin = time.perf_counter()
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
        return time.perf_counter() - begin

    out(millis("baseline.runtime-start", "bare", collect(settings, trial)))


LOCK_OPERATIONS = 1_000_000
COUNTER_INCREMENTS = 500_000  # per worker process
COUNTER_WORKERS = 2
ROUND_TRIPS = 5_000


def lock_uncontended(settings, out):
    """lock.uncontended: lock.acquire(); lock.release() on a multiprocessing.Lock, LOCK_OPERATIONS
    times per run, in one process."""
    lock = mp.Lock()

    def trial():
        begin = time.perf_counter()
        for _ in range(LOCK_OPERATIONS):
            lock.acquire()
            lock.release()
        return time.perf_counter() - begin

    out(rate("lock.uncontended", "Lock", collect(settings, trial), LOCK_OPERATIONS))


def count_under_lock(lock, counter, start, done, runs):
    """A worker of lock.contended-counter: for each run, waits for the start, then increments."""
    for _ in range(runs):
        start.wait()
        for _ in range(COUNTER_INCREMENTS):
            lock.acquire()
            counter.value += 1
            lock.release()
        done.release()


def lock_contended_counter(settings, out):
    """lock.contended-counter: two worker processes each add 1 to a multiprocessing.Value('i',
    lock=False) COUNTER_INCREMENTS times, holding a multiprocessing.Lock around each increment. A
    run is timed from the start signal until both workers have reported done; the workers are
    started once, before the warm-up."""
    lock = mp.Lock()
    counter = mp.Value("i", 0, lock=False)
    samples = count_in_workers(settings, counter, COUNTER_INCREMENTS, count_under_lock, (lock,))
    out(rate("lock.contended-counter", "Lock", samples, COUNTER_WORKERS * COUNTER_INCREMENTS))


def count_in_workers(settings, counter, increments, target, args):
    """Starts COUNTER_WORKERS processes running target(*args, counter, start, done, runs), each of
    which adds 1 to the shared counter `increments` times per run, and times each run from the
    start signal until every worker has reported done; checks the count. The samples."""
    start = mp.Barrier(COUNTER_WORKERS + 1)
    done = mp.Semaphore(0)
    runs = settings.warmup + settings.repetitions
    workers = [mp.Process(target=target, args=(*args, counter, start, done, runs)) for _ in range(COUNTER_WORKERS)]
    for worker in workers:
        worker.start()

    def trial():
        counter.value = 0
        begin = time.perf_counter()
        start.wait()
        for _ in range(COUNTER_WORKERS):
            done.acquire()
        elapsed = time.perf_counter() - begin
        if counter.value != COUNTER_WORKERS * increments:
            raise RuntimeError(f"lost increments: the counter is {counter.value}")
        return elapsed

    samples = collect(settings, trial)
    for worker in workers:
        worker.join()
    return samples

VALUE_INCREMENTS = 1_000_000
LOCKED_VALUE_INCREMENTS = 200_000  # per worker process, COUNTER_WORKERS of them
ARRAY_ELEMENTS = 1_000_000


def value_increment(settings, out):
    """value.increment-1p: `with v.get_lock(): v.value += 1` on a multiprocessing.Value('i'),
    VALUE_INCREMENTS times per run, in one process: the value's own lock (an RLock) around the
    update, as Python's documentation does it; reading and setting v.value take the lock again."""
    value = mp.Value("i", 0)

    def trial():
        value.value = 0
        begin = time.perf_counter()
        for _ in range(VALUE_INCREMENTS):
            with value.get_lock():
                value.value += 1
        elapsed = time.perf_counter() - begin
        if value.value != VALUE_INCREMENTS:
            raise RuntimeError(f"lost increments: the value is {value.value}")
        return elapsed

    out(rate("value.increment-1p", "Value", collect(settings, trial), VALUE_INCREMENTS))


def increment_under_value_lock(value, start, done, runs):
    """A worker of value.locked-increment-2p: for each run, waits for the start, then increments."""
    lock = value.get_lock()
    for _ in range(runs):
        start.wait()
        for _ in range(LOCKED_VALUE_INCREMENTS):
            with lock:
                value.value += 1
        done.release()


def value_locked_increment(settings, out):
    """value.locked-increment-2p: two worker processes each add 1 to a multiprocessing.Value('i')
    LOCKED_VALUE_INCREMENTS times, under the value's own lock (get_lock()). A run is timed from
    the start signal until both workers have reported done; the workers are started once, before
    the warm-up."""
    value = mp.Value("i", 0)
    samples = count_in_workers(settings, value, LOCKED_VALUE_INCREMENTS, increment_under_value_lock, ())
    out(rate("value.locked-increment-2p", "Value", samples, COUNTER_WORKERS * LOCKED_VALUE_INCREMENTS))

def sum_on_request(xs, total, go, done, runs):
    """The child of array.sum-1m: for each run, waits for a request, sums the array, reports done.
    sum() over a memoryview of the array's buffer, without its lock: the fastest way the standard
    library has (sum(xs) takes the lock for every element; iterating xs.get_obj() is slower)."""
    for _ in range(runs):
        go.acquire()
        total.value = sum(memoryview(xs.get_obj()).cast("B").cast("d"))
        done.release()


def array_sum(settings, out):
    """array.sum-1m: a child sums a multiprocessing.Array('d', ARRAY_ELEMENTS) filled with i / 2 and
    sets the sum in a RawValue('d'). A run is timed from the request (a semaphore) until the child
    reports done (another); the child is started once, before the warm-up."""
    xs = mp.Array("d", ARRAY_ELEMENTS)
    elements = xs.get_obj()
    for i in range(ARRAY_ELEMENTS):
        elements[i] = i * 0.5
    total = mp.RawValue("d", 0.0)
    go, done = mp.Semaphore(0), mp.Semaphore(0)
    child = mp.Process(target=sum_on_request, args=(xs, total, go, done, settings.warmup + settings.repetitions))
    child.start()
    expected = 0.5 * (ARRAY_ELEMENTS * (ARRAY_ELEMENTS - 1) / 2)

    def trial():
        total.value = 0.0
        begin = time.perf_counter()
        go.release()
        done.acquire()
        elapsed = time.perf_counter() - begin
        if total.value != expected:
            raise RuntimeError(f"the child summed {total.value}, not {expected}")
        return elapsed

    samples = collect(settings, trial)
    child.join()
    out(millis("array.sum-1m", "Array", samples))


def return_events(ping, pong, total):
    """The other side of event.ping-pong."""
    for _ in range(total):
        ping.wait()
        ping.clear()
        pong.set()


def return_permits(ping, pong, total):
    """The other side of semaphore.ping-pong."""
    for _ in range(total):
        ping.acquire()
        pong.release()


def ping_pong(settings, out, workload, variant, make, partner, turn):
    """Two processes hand a turn back and forth ROUND_TRIPS times per run through two primitives
    made by make(); the result is the run's time divided by its round trips. The partner process
    is started once, before the warm-up, and plays every run."""
    ping, pong = make(), make()
    other = mp.Process(target=partner, args=(ping, pong, (settings.warmup + settings.repetitions) * ROUND_TRIPS))
    other.start()

    def trial():
        begin = time.perf_counter()
        for _ in range(ROUND_TRIPS):
            turn(ping, pong)
        return time.perf_counter() - begin

    samples = collect(settings, trial)
    other.join()
    if other.exitcode != 0:
        raise RuntimeError(f"the partner process exited with {other.exitcode}")
    out(micros_each(workload, variant, samples, ROUND_TRIPS))


def event_turn(ping, pong):
    ping.set()
    pong.wait()
    pong.clear()


def semaphore_turn(ping, pong):
    ping.release()
    pong.acquire()


def event_ping_pong(settings, out):
    """event.ping-pong: set, wait, clear on two multiprocessing.Event objects."""
    ping_pong(settings, out, "event.ping-pong", "Event", mp.Event, return_events, event_turn)


def semaphore_ping_pong(settings, out):
    """semaphore.ping-pong: release, acquire on two multiprocessing.Semaphore(0) objects."""
    ping_pong(settings, out, "semaphore.ping-pong", "Semaphore", lambda: mp.Semaphore(0), return_permits,
              semaphore_turn)


PIPE_ROUND_TRIPS = 2_000
QUEUE_MESSAGES = 20_000
LARGE_MESSAGES = 50
STOP = "STOP"


def echo(conn):
    """The other end of pipe.round-trip: sends back every message until STOP."""
    message = conn.recv()
    while message != STOP:
        conn.send(message)
        message = conn.recv()


def round_trips(conn):
    """One run of the round-trip workloads: PIPE_ROUND_TRIPS small lists sent on conn, each
    received back before the next; returns the seconds it took."""
    begin = time.perf_counter()
    for i in range(PIPE_ROUND_TRIPS):
        conn.send(["u", i, "hello"])
        conn.recv()
    return time.perf_counter() - begin


def pipe_round_trip(settings, out):
    """pipe.round-trip: send ["u", i, "hello"] through a Pipe and receive it back from an echoing child."""
    end, child_end = mp.Pipe()
    child = mp.Process(target=echo, args=(child_end,))
    child.start()
    samples = collect(settings, lambda: round_trips(end), steady=True)
    end.send(STOP)
    child.join()
    out(micros_each("pipe.round-trip", "Pipe", samples, PIPE_ROUND_TRIPS))


def send_large(conn, go, runs):
    """The sender of pipe.one-way-1mib: LARGE_MESSAGES of 1 MiB per run, as bytes."""
    message = bytes(1 << 20)
    for _ in range(runs):
        go.acquire()
        for _ in range(LARGE_MESSAGES):
            conn.send_bytes(message)


def pipe_one_way(settings, out):
    """pipe.one-way-1mib: a child sends 1 MiB messages with send_bytes; the time of one is reported."""
    receiver, sender = mp.Pipe(duplex=False)
    go = mp.Semaphore(0)
    child = mp.Process(target=send_large, args=(sender, go, settings.warmup + settings.repetitions))
    child.start()

    def trial():
        begin = time.perf_counter()
        go.release()
        for _ in range(LARGE_MESSAGES):
            receiver.recv_bytes()
        return time.perf_counter() - begin

    samples = collect(settings, trial)
    child.join()
    out(micros_each("pipe.one-way-1mib", "Pipe", samples, LARGE_MESSAGES))


CONNECTION_KEY = b"benchmark key"


def echo_client(address):
    """The other end of connection.round-trip: connects to the Listener, then echoes until STOP."""
    from multiprocessing.connection import Client

    with Client(address, authkey=CONNECTION_KEY) as conn:
        echo(conn)


def connection_round_trip(settings, out):
    """connection.round-trip: send ["u", i, "hello"] through a connection a Listener accepted on
    127.0.0.1, with an authentication key, and receive it back from a child that connected with
    Client and echoes it."""
    from multiprocessing.connection import Listener

    with Listener(("127.0.0.1", 0), authkey=CONNECTION_KEY) as listener:
        child = mp.Process(target=echo_client, args=(listener.address,))
        child.start()
        with listener.accept() as conn:
            samples = collect(settings, lambda: round_trips(conn))
            conn.send(STOP)
        child.join()
    out(micros_each("connection.round-trip", "Connection", samples, PIPE_ROUND_TRIPS))


def pickle_round_trip(settings, out):
    """connection.pickle-round-trip: as connection.round-trip, with the echoing peer a CPython
    interpreter of its own started as `workloads.py --echo-peer PORT`, the same peer the Java side
    starts: the round trips are CPython to CPython here and Java to CPython there."""
    import subprocess
    from multiprocessing.connection import Listener

    with Listener(("127.0.0.1", 0), authkey=CONNECTION_KEY) as listener:
        peer = subprocess.Popen([sys.executable, __file__, "--echo-peer", str(listener.address[1])])
        with listener.accept() as conn:
            samples = collect(settings, lambda: round_trips(conn))
            conn.send(STOP)
        peer.wait()
    out(micros_each("connection.pickle-round-trip", "CPython", samples, PIPE_ROUND_TRIPS))


def produce(queue, go, finished, messages, large):
    """A producer of queue.*: per run, waits for its turn, puts the messages, then STOP; ends at
    a turn where finished is set."""
    block = bytes(1 << 20)
    while True:
        go.acquire()
        if finished.is_set():
            return
        for i in range(messages):
            queue.put(block if large else ["u", i, "hello"])
        queue.put(STOP)


def take_until_stop(queue, large):
    """Takes messages until STOP: their count and the sum of their numbers (a message's length
    for large ones)."""
    taken = checksum = 0
    while True:
        message = queue.get()
        if message == STOP:
            return taken, checksum
        taken += 1
        checksum += len(message) if large else message[1]


def consume(queue, go, counts, finished, large):
    """A consumer of queue.2-2: per run, waits for its turn, takes until STOP, reports its count and
    checksum; ends at a turn where finished is set."""
    while True:
        go.acquire()
        if finished.is_set():
            return
        counts.put(take_until_stop(queue, large))


def queue_workload(settings, out, workload, producers, messages, large):
    """producers children put; with one, this process takes; with more, as many consumer children
    take and report their counts and checksums. A run is timed from the start signal until all was
    taken. The small messages' workloads are measured in their steady state, as on the Java side."""
    queue, counts = mp.Queue(), mp.Queue()
    finished = mp.Event()
    turns, children = [], []
    for _ in range(producers):
        turns.append(mp.Semaphore(0))
        children.append(mp.Process(target=produce, args=(queue, turns[-1], finished, messages, large)))
    for _ in range(producers if producers > 1 else 0):
        turns.append(mp.Semaphore(0))
        children.append(mp.Process(target=consume, args=(queue, turns[-1], counts, finished, large)))
    for child in children:
        child.start()
    expected = (producers * messages, producers * (messages * (1 << 20) if large else messages * (messages - 1) // 2))

    def trial():
        begin = time.perf_counter()
        for turn in turns:
            turn.release()
        if producers == 1:
            result = take_until_stop(queue, large)
        else:
            reports = [counts.get() for _ in range(producers)]
            result = (sum(r[0] for r in reports), sum(r[1] for r in reports))
        elapsed = time.perf_counter() - begin
        if result != expected:
            raise RuntimeError(f"taken (count, checksum) {result}, put {expected}")
        return elapsed

    samples = collect(settings, trial, steady=not large)
    finished.set()
    for turn in turns:
        turn.release()
    for child in children:
        child.join()
    total = producers * messages
    out(micros_each(workload, "Queue", samples, total) if large else rate(workload, "Queue", samples, total))


def queue_one_to_one(settings, out):
    """queue.1-1: one producer child, this process takes ["u", i, "hello"] from a Queue."""
    queue_workload(settings, out, "queue.1-1", 1, QUEUE_MESSAGES, False)


def queue_two_to_two(settings, out):
    """queue.2-2: two producer children, two consumer children, one Queue."""
    queue_workload(settings, out, "queue.2-2", 2, QUEUE_MESSAGES, False)


def queue_large(settings, out):
    """queue.1-1-1mib: as queue.1-1 with 1 MiB bytes objects."""
    queue_workload(settings, out, "queue.1-1-1mib", 1, LARGE_MESSAGES, True)


POOL_MAP_TASKS = 200_000
POOL_IMAP_TASKS = 10_000
POOL_APPLY_TASKS = 10_000
CPU_CALLS = 40
CPU_CALL_SECONDS = 0.020


def square(n):
    """The trivial task of pool.*."""
    return n * n


def spin(rounds):
    """The pure loop of pool.cpu-bound: a 64-bit linear congruential generator, as on the Java side."""
    x = rounds
    for _ in range(rounds):
        x = (x * 6364136223846793005 + 1442695040888963407) & 0xFFFFFFFFFFFFFFFF
    return x >> 1


def squares_up_to(n):
    return (n - 1) * n * (2 * n - 1) // 6


def pool_map(settings, out):
    """pool.map: Pool().map of 200,000 squares with the default chunk size."""
    items = list(range(POOL_MAP_TASKS))
    with mp.Pool() as pool:
        def trial():
            begin = time.perf_counter()
            squares = pool.map(square, items)
            elapsed = time.perf_counter() - begin
            if len(squares) != POOL_MAP_TASKS or squares[-1] != (POOL_MAP_TASKS - 1) ** 2:
                raise RuntimeError("wrong results")
            return elapsed

        out(rate("pool.map", "Pool", collect(settings, trial, steady=True), POOL_MAP_TASKS))


def pool_imap(settings, out):
    """pool.imap-chunk-1: Pool().imap of 10,000 squares with chunksize=1."""
    items = list(range(POOL_IMAP_TASKS))
    with mp.Pool() as pool:
        def trial():
            begin = time.perf_counter()
            total = sum(pool.imap(square, items, chunksize=1))
            elapsed = time.perf_counter() - begin
            if total != squares_up_to(POOL_IMAP_TASKS):
                raise RuntimeError("wrong results")
            return elapsed

        out(rate("pool.imap-chunk-1", "Pool", collect(settings, trial, steady=True), POOL_IMAP_TASKS))


def pool_apply_async(settings, out):
    """pool.apply-async: 10,000 apply_async calls of square, then every result."""
    with mp.Pool() as pool:
        def trial():
            begin = time.perf_counter()
            results = [pool.apply_async(square, (i,)) for i in range(POOL_APPLY_TASKS)]
            total = sum(result.get() for result in results)
            elapsed = time.perf_counter() - begin
            if total != squares_up_to(POOL_APPLY_TASKS):
                raise RuntimeError("wrong results")
            return elapsed

        out(rate("pool.apply-async", "Pool", collect(settings, trial, steady=True), POOL_APPLY_TASKS))


def pool_cpu_bound(settings, out):
    """pool.cpu-bound: 40 calls of spin calibrated to ~20 ms, one after the other here, then with
    Pool().map (chunksize=1); reports both and the speed-up."""
    begin = time.perf_counter()
    spin(100_000)
    rounds = int(100_000 * CPU_CALL_SECONDS / (time.perf_counter() - begin))
    calls = [rounds] * CPU_CALLS
    sequential, pooled = [], []
    with mp.Pool() as pool:
        for run in range(settings.warmup + settings.repetitions):
            begin = time.perf_counter()
            expected = sum(spin(call) for call in calls)
            middle = time.perf_counter()
            got = sum(pool.map(spin, calls, chunksize=1))
            end = time.perf_counter()
            if got != expected:
                raise RuntimeError("wrong results")
            if run >= settings.warmup:
                sequential.append((middle - begin) * 1000.0)
                pooled.append((end - middle) * 1000.0)
    out(millis("pool.cpu-bound", "sequential", sequential))
    out(millis("pool.cpu-bound", "Pool", pooled))
    out(factor("pool.cpu-speed-up", "speed-up", [s / p for s, p in zip(sequential, pooled)]))


SHM_CYCLES = 1_000
SHM_SIZE = 1 << 20


def shm_block(settings, out):
    """shm.block-1mib: a named block of 1 MiB is created under a made-up name
    (SharedMemory(create=True, size=SHM_SIZE)) and attached by that name (SharedMemory(name), whose
    size is checked), both are closed and the block is unlinked, SHM_CYCLES times per run, in one
    process; the result is the time of one cycle."""
    from multiprocessing import shared_memory

    def trial():
        begin = time.perf_counter()
        for _ in range(SHM_CYCLES):
            block = shared_memory.SharedMemory(create=True, size=SHM_SIZE)
            attached = shared_memory.SharedMemory(block.name)
            if attached.size != SHM_SIZE:
                raise RuntimeError(f"the attached view of {block.name} has {attached.size} bytes")
            attached.close()
            block.close()
            block.unlink()
        return time.perf_counter() - begin

    out(micros_each("shm.block-1mib", "SharedMemory", collect(settings, trial), SHM_CYCLES))


MANAGER_PAIRS = 2_000
MANAGER_KEYS = 100


def set_and_get(d, go, times, finished):
    """The child of manager.dict-set-get: for each run, waits for its turn, then sets and gets
    MANAGER_PAIRS times and sends the seconds that took, or -1.0 if the last value read back is not
    the one set; ends at a turn where finished is set."""
    keys = [f"k{k}" for k in range(MANAGER_KEYS)]
    while True:
        go.acquire()
        if finished.is_set():
            return
        value = None
        begin = time.perf_counter()
        for i in range(MANAGER_PAIRS):
            key = keys[i % MANAGER_KEYS]
            d[key] = i
            value = d[key]
        elapsed = time.perf_counter() - begin
        times.send(elapsed if value == MANAGER_PAIRS - 1 else -1.0)


def manager_dict_set_get(settings, out):
    """manager.dict-set-get: a child (of the default start method), not the manager's owner, does
    MANAGER_PAIRS pairs of `d[key] = i; d[key]` per run on a Manager().dict(), over MANAGER_KEYS
    short string keys, and times them itself. The manager and the child are started once, before
    the warm-up; the child waits for a start signal (a semaphore) before each run and reports its
    time through a pipe, so neither start-up is timed. Steady state, as on the Java side."""
    with mp.Manager() as manager:
        d = manager.dict()
        go = mp.Semaphore(0)
        finished = mp.Event()
        times, child_times = mp.Pipe(duplex=False)
        child = mp.Process(target=set_and_get, args=(d, go, child_times, finished))
        child.start()

        def trial():
            go.release()
            elapsed = times.recv()
            if elapsed < 0:
                raise RuntimeError("the child read back a value it did not set")
            return elapsed

        samples = collect(settings, trial, steady=True)
        finished.set()
        go.release()
        child.join()
        if child.exitcode != 0:
            raise RuntimeError(f"the child exited with {child.exitcode}")
    out(rate("manager.dict-set-get", "dict", samples, MANAGER_PAIRS))


def manager_start(settings, out):
    """manager.start: from mp.get_context("fork").Manager() until the first call on one of its
    objects has completed, `d = manager.dict(); d["k"] = 1`; shutdown() is not timed."""
    context = mp.get_context("fork")

    def trial():
        begin = time.perf_counter()
        manager = context.Manager()
        d = manager.dict()
        d["k"] = 1
        elapsed = time.perf_counter() - begin
        manager.shutdown()
        return elapsed

    out(millis("manager.start", "fork", collect(settings, trial)))


# Every workload, in report order. A new workload is one function here, one entry in
# CompareWorkloads with the same name, and one row in report.py.
WORKLOADS = [
    ("process.start-join", process_start_join),
    ("process.idle-memory", idle_memory),
    ("baseline.runtime-start", runtime_start),
    ("lock.uncontended", lock_uncontended),
    ("lock.contended-counter", lock_contended_counter),
    ("value.increment-1p", value_increment),
    ("value.locked-increment-2p", value_locked_increment),
    ("array.sum-1m", array_sum),
    ("event.ping-pong", event_ping_pong),
    ("semaphore.ping-pong", semaphore_ping_pong),
    ("pipe.round-trip", pipe_round_trip),
    ("pipe.one-way-1mib", pipe_one_way),
    ("connection.round-trip", connection_round_trip),
    ("connection.pickle-round-trip", pickle_round_trip),
    ("queue.1-1", queue_one_to_one),
    ("queue.2-2", queue_two_to_two),
    ("queue.1-1-1mib", queue_large),
    ("pool.map", pool_map),
    ("pool.imap-chunk-1", pool_imap),
    ("pool.apply-async", pool_apply_async),
    ("pool.cpu-bound", pool_cpu_bound),
    ("shm.block-1mib", shm_block),
    ("manager.dict-set-get", manager_dict_set_get),
    ("manager.start", manager_start),
]


def millis(workload, variant, samples):
    from result_line import millis as line

    return line(workload, variant, samples)


def rate(workload, variant, samples, operations):
    from result_line import rate as line

    return line(workload, variant, samples, operations)


def micros_each(workload, variant, samples, operations):
    from result_line import micros_each as line

    return line(workload, variant, samples, operations)


def factor(workload, variant, samples):
    from result_line import factor as line

    return line(workload, variant, samples)


def main():
    import argparse
    import platform
    import subprocess

    from result_line import meta

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--warmup", type=int, default=5)
    parser.add_argument("--steady-seconds", type=float, default=3.0)
    parser.add_argument("--repetitions", type=int, default=30)
    parser.add_argument("--only", default="")
    parser.add_argument("--forks", type=int, default=3)
    parser.add_argument("--workload", help="run this one workload here (the others run it in a fresh interpreter)")
    parser.add_argument("--echo-peer", type=int, metavar="PORT",
                        help="be the echoing peer of connection.pickle-round-trip, on 127.0.0.1:PORT")
    settings = parser.parse_args()
    if settings.echo_peer is not None:
        echo_client(("127.0.0.1", settings.echo_peer))
        return
    if settings.warmup < 0 or settings.repetitions < 1 or settings.steady_seconds < 0 or settings.forks < 1:
        parser.error("--warmup >= 0, --repetitions >= 1, --steady-seconds >= 0 and --forks >= 1 required")

    def out(line):
        print(line, flush=True)

    if settings.workload is not None:
        dict(WORKLOADS)[settings.workload](settings, out)
        return
    out(meta("python", f"{platform.python_implementation()} {platform.python_version()}"))
    out(meta("python.executable", sys.executable))
    for name in (name for name, _ in WORKLOADS if name.startswith(settings.only)):
        for fork in range(1, settings.forks + 1):
            print(f"python: {name} (interpreter {fork} of {settings.forks}) ...", file=sys.stderr, flush=True)
            # as on the Java side: the previous workload's children exit meanwhile, and each
            # workload runs in an interpreter of its own, as each runs in a JVM of its own there
            time.sleep(SETTLE_SECONDS)
            subprocess.run([sys.executable, __file__, "--workload", name, "--warmup", str(settings.warmup),
                            "--repetitions", str(settings.repetitions),
                            "--steady-seconds", str(settings.steady_seconds)], check=True)


# the guard matters: spawn and forkserver children import this module as __mp_main__
if __name__ == "__main__":
    main()
