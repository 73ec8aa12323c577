"""Runs both sides of benchmarks/compare and reports them side by side.

Runs workloads.py (CPython's multiprocessing) and then the Java harness (CompareWorkloads) on
this machine, merges their result lines, prints a table of medians and ratios, and writes
RESULTS.md and results.svg next to this directory. benchmarks/compare builds the Java side and
calls this; run that rather than this file directly.
"""

import argparse
import datetime
import os
import platform
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import chart
from result_line import Result, number, parse

HERE = Path(__file__).resolve().parent
BENCHMARKS = HERE.parent
JAVA_MAIN = "org.multiprocessing4j.benchmarks.CompareWorkloads"

FULL = {"warmup": 5, "repetitions": 30, "steady": 3}
QUICK = {"warmup": 2, "repetitions": 5, "steady": 0.5}

JAVA, PYTHON = "multiprocessing4j", "CPython"


@dataclass(frozen=True)
class Comparison:
    """One row of the table: a Java variant against a CPython variant of the same workload."""
    java: str
    python: str
    goal: float = None  # the ratio Java / CPython to stay within, if the project has set one
    java_goal: float = None  # a bound on the Java figure itself (a speed-up), if set instead


@dataclass(frozen=True)
class Workload:
    """How one workload is reported. Its name is the one both sides print."""
    name: str
    title: str
    measures: str  # what one measurement is, for RESULTS.md
    comparisons: tuple
    same_scale_as: str = None  # draw this panel of the chart on that workload's scale


# Every reported workload, in report order. A new workload is one entry here, one function in
# workloads.py and one entry in CompareWorkloads, all with the same name.
WORKLOADS = (
    Workload(
        name="process.start-join",
        title="Process start→join, no-op target",
        measures="Create a process whose target does nothing, start it, join it; the whole round is "
                 "timed. CPython: `ctx.Process(target=noop); p.start(); p.join()` for each start "
                 "method (forkserver's server is started by the warm-up runs, outside the timing; the "
                 "script imports only `multiprocessing`, `sys` and `time` at the top, because spawn "
                 "and forkserver children import it again and that time counts). "
                 "multiprocessing4j: `Multiprocessing.process(target); p.start(); p.join()`. "
                 "`cold`: start method COLD, every child a new JVM, started with the library's "
                 "defaults (a class-data archive of the start path, trained by the first start on "
                 "this class path, a warm-up run; no performance-data file). `warm`: start method "
                 "WARM, the child takes an idle spare JVM; before each round, untimed, the harness "
                 "waits until a spare is ready again (`ProcessContext.prestart`), as "
                 "forkserver's server is started outside the timing. Starts faster than spares can "
                 "be replaced fall back to cold ones.",
        comparisons=(Comparison("cold", "spawn", goal=1.5),
                     Comparison("cold", "spawn", goal=1.0),
                     Comparison("cold", "forkserver"),
                     Comparison("cold", "fork"),
                     Comparison("warm", "fork", goal=1.0),
                     Comparison("warm", "forkserver", goal=1 / 3)),
    ),
    Workload(
        name="process.idle-memory",
        title="Memory kept for fast starts",
        measures="The resident set (VmRSS) of what each side keeps running to start children fast. "
                 "multiprocessing4j: an idle spare JVM with the default options, once it is ready "
                 "(5 spares in turn). CPython: forkserver's server process after it has started a "
                 "child.",
        comparisons=(Comparison("idle spare", "forkserver"),),
    ),
    Workload(
        name="baseline.runtime-start",
        title="Reference: bare runtime start→exit",
        measures="Not a library feature: the floor under process start-up. CPython: "
                 "`subprocess.run([python, '-c', 'pass'])`. Java: `ProcessBuilder` running "
                 "`java -cp <same class path> EmptyMain`, then `waitFor()`.",
        comparisons=(Comparison("bare", "bare"),),
        same_scale_as="process.start-join",
    ),
    Workload(
        name="lock.uncontended",
        title="Lock acquire+release, uncontended",
        measures="One thread of one process takes and releases a lock shared by processes, 1,000,000 "
                 "times per run; one operation is an acquire plus a release. CPython: "
                 "`lock.acquire(); lock.release()` on a `multiprocessing.Lock`. multiprocessing4j: "
                 "`lock.lock(); lock.unlock()` on a `ProcessLock`.",
        comparisons=(Comparison("lock", "Lock", goal=5),),
    ),
    Workload(
        name="lock.contended-counter",
        title="Shared counter under a lock, 2 processes",
        measures="Two worker processes each add 1 to a counter in shared memory 500,000 times, holding "
                 "a lock shared by processes around each increment; a run is timed from the start "
                 "signal (a barrier) until both workers have reported done (a semaphore), and the "
                 "counter is checked. The workers are started once, before the warm-up. CPython: a "
                 "`multiprocessing.Lock` and a `multiprocessing.Value('i', lock=False)`. "
                 "multiprocessing4j: a `ProcessLock` and an `int` in a file mapped by both workers.",
        comparisons=(Comparison("lock", "Lock", goal=10),),
    ),
    Workload(
        name="value.increment-1p",
        title="Shared value increments, 1 process",
        measures="One thread adds 1 to a shared integer 1,000,000 times per run. CPython: "
                 "`with v.get_lock(): v.value += 1` on a `multiprocessing.Value('i')`, its own lock "
                 "(an RLock) around the update, which `v.value` takes again to read and to set. "
                 "multiprocessing4j: `v.incrementAndGet()` on a `SharedInt`, atomic without a lock.",
        comparisons=(Comparison("value", "Value", goal=20),),
    ),
    Workload(
        name="value.locked-increment-2p",
        title="Shared value increments under its lock, 2 processes",
        measures="Two worker processes each add 1 to a shared integer 200,000 times, each time "
                 "under the value's own lock; a run is timed from the start signal (a barrier) "
                 "until both workers have reported done (a semaphore), and the value is checked. "
                 "The workers are started once, before the warm-up. CPython: `with lock: "
                 "v.value += 1`, `lock = v.get_lock()`, on a `multiprocessing.Value('i')`. "
                 "multiprocessing4j: `lock.lock(); v.set(v.get() + 1); lock.unlock()`, "
                 "`lock = v.lock()`, on a `SharedInt`.",
        comparisons=(Comparison("value", "Value", goal=10),),
    ),
    Workload(
        name="array.sum-1m",
        title="Shared array of 1,000,000 doubles summed in a child",
        measures="A child sums a shared array of 1,000,000 doubles and sets the sum in a shared "
                 "double without a lock; a run is timed from the request (a semaphore) until the "
                 "child reports done (another), the sum is checked, and the child is started once, "
                 "before the warm-up. CPython: `sum(memoryview(xs.get_obj()).cast('B').cast('d'))` "
                 "on a `multiprocessing.Array('d', n)`, the fastest form of the standard library. "
                 "multiprocessing4j: a loop over the `DoubleBuffer` of `xs.asBuffer()` on a "
                 "`SharedDoubleArray`, in four partial sums of interleaved elements (the elements "
                 "are halves of integers, so the sum is exact in any order; one running sum makes "
                 "each addition wait for the one before).",
        comparisons=(Comparison("array", "Array", goal=0.05),),
    ),
    Workload(
        name="event.ping-pong",
        title="Event ping-pong round trip, 2 processes",
        measures="Two processes hand a turn back and forth 5,000 times per run through two events: "
                 "one sets `ping` and waits for `pong`, then clears it; the other waits for `ping`, "
                 "clears it and sets `pong`. The result is the run's time divided by its round trips. "
                 "The other process is started once, before the warm-up. CPython: "
                 "`multiprocessing.Event`. multiprocessing4j: `ProcessEvent`.",
        comparisons=(Comparison("event", "Event", goal=0.33),),
    ),
    Workload(
        name="semaphore.ping-pong",
        title="Semaphore ping-pong round trip, 2 processes",
        measures="As `event.ping-pong`, with two semaphores that start at 0: one side releases `ping` "
                 "and acquires `pong`, the other acquires `ping` and releases `pong`. CPython: "
                 "`multiprocessing.Semaphore(0)`. multiprocessing4j: `ProcessSemaphore`.",
        comparisons=(Comparison("semaphore", "Semaphore", goal=0.33),),
        same_scale_as="event.ping-pong",
    ),
    Workload(
        name="pipe.round-trip",
        title="Pipe round trip, small object",
        measures="This process sends `[\"u\", i, \"hello\"]` through a duplex pipe and receives it back "
                 "from a child that echoes it, 2,000 times per run; the result is the run's time divided "
                 "by its round trips. CPython: `multiprocessing.Pipe()`, `send`/`recv`. "
                 "multiprocessing4j: `Multiprocessing.pipe()`, `send`/`recv`.",
        comparisons=(Comparison("pipe", "Pipe", goal=0.1),),
    ),
    Workload(
        name="pipe.one-way-1mib",
        title="Pipe one way, 1 MiB messages",
        measures="A child sends 50 messages of 1 MiB per run as bytes through a one-way pipe; the result "
                 "is the run's time divided by its messages. CPython: `send_bytes`/`recv_bytes`. "
                 "multiprocessing4j: `sendBytes`/`recvBytes`.",
        comparisons=(Comparison("pipe", "Pipe", goal=0.5),),
    ),
    Workload(
        name="connection.round-trip",
        title="Listener/Client round trip over TCP loopback, small object",
        measures="This process sends `[\"u\", i, \"hello\"]` through a connection its listener accepted on "
                 "127.0.0.1 with an authentication key, and receives it back from a child that connected "
                 "and echoes it, 2,000 times per run; the result is the run's time divided by its round "
                 "trips. CPython: `multiprocessing.connection.Listener`/`Client`, `send`/`recv`. "
                 "multiprocessing4j: `Listener`/`Client`, `send`/`recv`.",
        comparisons=(Comparison("connection", "Connection", goal=0.5),),
        same_scale_as="pipe.round-trip",
    ),
    Workload(
        name="connection.pickle-round-trip",
        title="Round trip with a CPython peer over TCP loopback, small object as a pickle",
        measures="As `connection.round-trip`, with the echoing peer a CPython interpreter of its own "
                 "(`workloads.py --echo-peer PORT`, the same on both sides): this process sends "
                 "`[\"u\", i, \"hello\"]` 2,000 times per run and receives it back; the result is the "
                 "run's time divided by its round trips. CPython: `Listener`/`Client`, `send`/`recv`, "
                 "CPython to CPython. multiprocessing4j: `Listener` with `PickleSerializer`, Java to CPython.",
        comparisons=(Comparison("Java-CPython", "CPython", goal=1.0),),
        same_scale_as="pipe.round-trip",
    ),
    Workload(
        name="queue.1-1",
        title="Queue throughput, 1 producer → 1 consumer, small objects",
        measures="A producer child puts 20,000 `[\"u\", i, \"hello\"]` per run and this process takes "
                 "them, counting them and summing their `i` (checked against what was put); a run is "
                 "timed from the producer's start signal until the last is taken. "
                 "CPython: `multiprocessing.Queue`. multiprocessing4j: `Multiprocessing.queue()`.",
        comparisons=(Comparison("queue", "Queue", goal=15),),
    ),
    Workload(
        name="queue.2-2",
        title="Queue throughput, 2 producers → 2 consumers, small objects",
        measures="As `queue.1-1` with two producer children and two consumer children on one queue, "
                 "40,000 messages per run; a run ends when both consumers have reported their counts and sums.",
        comparisons=(Comparison("queue", "Queue", goal=10),),
        same_scale_as="queue.1-1",
    ),
    Workload(
        name="queue.1-1-1mib",
        title="Queue, 1 producer → 1 consumer, 1 MiB messages",
        measures="As `queue.1-1` with 50 byte arrays (`bytes` in CPython) of 1 MiB per run; the result "
                 "is the run's time divided by its messages.",
        comparisons=(Comparison("queue", "Queue", goal=0.5),),
    ),
    Workload(
        name="pool.map",
        title="Pool map, 200,000 trivial tasks",
        measures="`map` of squaring the integers 0..199,999 with the default chunk size (Python's "
                 "heuristic on both sides), on a pool of the default size (the CPU count) started "
                 "before the warm-up; steady state (a warm-up of at least the steady time, the same "
                 "on both sides, so that the JIT compilers of the parent and the workers have "
                 "settled). CPython: `Pool().map(square, items)`. multiprocessing4j: "
                 "`Multiprocessing.pool().map(n -> n * n, items)`.",
        comparisons=(Comparison("pool", "Pool", goal=5),),
    ),
    Workload(
        name="pool.imap-chunk-1",
        title="Pool imap, chunk size 1",
        measures="`imap` of squaring 10,000 integers, one task per message, results summed as they "
                 "come; steady state, as `pool.map`. CPython: `sum(pool.imap(square, items, "
                 "chunksize=1))`. multiprocessing4j: "
                 "`pool.imap(n -> n * n, items, 1)` summed.",
        comparisons=(Comparison("pool", "Pool", goal=5),),
    ),
    Workload(
        name="pool.apply-async",
        title="Pool apply_async round trips",
        measures="10,000 `apply_async` calls of squaring an integer, then every result taken; "
                 "steady state, as `pool.map`. "
                 "CPython: `pool.apply_async(square, (i,))`, `.get()`. multiprocessing4j: "
                 "`pool.applyAsync(n -> n * n, i)`, `.get()`.",
        comparisons=(Comparison("pool", "Pool", goal=5),),
    ),
    Workload(
        name="pool.cpu-bound",
        title="Pool, CPU-bound work, 40 calls of ~20 ms",
        measures="40 calls of a pure loop (a 64-bit linear congruential generator) calibrated on each "
                 "side to about 20 ms a call: one after the other in the measuring process "
                 "(`sequential`), then with `map` and chunk size 1 on a pool of the default size "
                 "(`pool`/`Pool`).",
        comparisons=(Comparison("pool", "Pool"), Comparison("sequential", "sequential")),
    ),
    Workload(
        name="pool.cpu-speed-up",
        title="Pool, CPU-bound speed-up over one process",
        measures="`pool.cpu-bound`'s sequential time ÷ its pool time, run by run; the goal is on "
                 "the speed-up itself (2 workers on this machine's 2 CPUs).",
        comparisons=(Comparison("speed-up", "speed-up", java_goal=1.8),),
    ),
    Workload(
        name="shm.block-1mib",
        title="Named shared-memory block of 1 MiB: create, attach, close, unlink",
        measures="One process creates a block of 1 MiB under a made-up name, attaches it by that name "
                 "(checking the attached view's size), closes both views and unlinks the block, 1,000 "
                 "times per run; the result is the time of one cycle. "
                 "CPython: `shared_memory.SharedMemory(create=True, size=...)`, `SharedMemory(name)`, "
                 "`close()`, `unlink()`. multiprocessing4j: `Multiprocessing.sharedMemory(size)`, "
                 "`attachSharedMemory(name)`, `close()`, `unlink()`.",
        comparisons=(Comparison("block", "SharedMemory", goal=1.0),),
    ),
    Workload(
        name="manager.dict-set-get",
        title="Manager dict set+get from a child, small keys",
        measures="A child process, not the manager's owner, sets and gets a key of a dictionary a "
                 "manager's server holds, 2,000 times per run, over 100 keys `\"k0\"`..`\"k99\"` "
                 "with integer values; one operation is a set plus a get, and the child times the "
                 "run itself and sends the time back through a pipe. The manager and the child are "
                 "started once, before the warm-up, and the child waits for a start signal (a "
                 "semaphore) before each run. CPython: `d[key] = i; d[key]` on `Manager().dict()`, "
                 "the child of the default start method. multiprocessing4j: `map.put(key, i); "
                 "map.get(key)` on the `ManagedMap` of `Multiprocessing.manager().map()`.",
        comparisons=(Comparison("map", "dict", goal=10),),
    ),
    Workload(
        name="manager.start",
        title="Manager start→first call",
        measures="From starting a manager until the first call on one of its objects has completed; "
                 "shutting it down is not timed. CPython: `m = mp.get_context(\"fork\").Manager(); "
                 "d = m.dict(); d[\"k\"] = 1` (then, untimed, `m.shutdown()`). multiprocessing4j: "
                 "`m = context.manager(); m.map().put(\"k\", 1)` (then, untimed, `m.close()`). "
                 "`warm`: start method WARM, the server takes an idle spare JVM; before each round, "
                 "untimed, the harness waits until a spare is ready again, as for "
                 "`process.start-join`.",
        comparisons=(Comparison("warm", "fork", goal=1.0),),
    ),
)


def run_side(side, command, results, meta):
    """Runs one side, echoing progress; its standard error passes straight through."""
    print(f"$ {' '.join(command)}", file=sys.stderr, flush=True)
    with subprocess.Popen(command, stdout=subprocess.PIPE, text=True) as process:
        for line in process.stdout:
            parsed = parse(side, line)
            if parsed is None:
                # not ours (a child's output, a JVM warning): show it, do not parse it
                sys.stderr.write(line)
            elif isinstance(parsed, tuple):
                meta[parsed[0]] = parsed[1]
            else:
                results[(side, parsed.workload, parsed.variant)] = parsed
                print(f"  {side:<18} {parsed.workload:<24} {parsed.variant:<11} "
                      f"{number(parsed.median)} {parsed.unit}  (n={parsed.count}, "
                      f"min {number(parsed.low)}, max {number(parsed.high)})",
                      file=sys.stderr, flush=True)
    if process.returncode != 0:
        sys.exit(f"{side} side failed with exit code {process.returncode}; nothing written")


@dataclass(frozen=True)
class Row:
    workload: Workload
    comparison: Comparison
    java: Result    # None when that side did not measure it
    python: Result

    def ratio(self):
        if self.java is None or self.python is None or self.python.median == 0:
            return None
        return self.java.median / self.python.median

    def goal_text(self):
        if self.comparison.java_goal is not None:
            goal = self.comparison.java_goal
            if self.java is None:
                return f"Java ≥ {goal:.3g}×"
            return f"Java ≥ {goal:.3g}× ({'met' if self.java.median >= goal else 'not met'})"
        goal = self.comparison.goal
        if goal is None:
            return ""
        bound = "≤" if self.java is None or self.java.lower_is_better else "≥"
        ratio = self.ratio()
        if ratio is None:
            return f"{bound} {goal:.3g}×"
        met = ratio <= goal if bound == "≤" else ratio >= goal
        return f"{bound} {goal:.3g}× ({'met' if met else 'not met'})"


def rows(results):
    table = []
    for workload in WORKLOADS:
        for comparison in workload.comparisons:
            java = results.get((JAVA, workload.name, comparison.java))
            python = results.get((PYTHON, workload.name, comparison.python))
            if java is not None or python is not None:
                table.append(Row(workload, comparison, java, python))
    return table


def cell(result):
    return "—" if result is None else f"{number(result.median)} {result.unit}"


def ratio_cell(row):
    ratio = row.ratio()
    return "—" if ratio is None else f"{number(ratio)}×"


def row_cells(row):
    return [row.workload.title, row.comparison.java, cell(row.java), row.comparison.python,
            cell(row.python), ratio_cell(row), row.goal_text()]


HEADER = ["workload", f"{JAVA}", "median", f"{PYTHON}", "median", "Java ÷ CPython", "goal"]


def print_table(table):
    lines = [HEADER] + [row_cells(row) for row in table]
    widths = [max(len(line[i]) for line in lines) for i in range(len(HEADER))]
    for line in lines:
        print("  ".join(text.ljust(width) for text, width in zip(line, widths)).rstrip())


def machine():
    """The facts a reader needs to judge the numbers: cores, CPU, memory, OS."""
    cpu = "unknown"
    memory = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                memory = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
                break
    except OSError:
        pass  # not Linux: the fields stay "unknown"
    system = platform.system() + " " + platform.release()
    try:
        for line in Path("/etc/os-release").read_text().splitlines():
            if line.startswith("PRETTY_NAME="):
                system = line.split("=", 1)[1].strip('"') + ", " + system
    except OSError:
        pass
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return {"CPUs (nproc)": str(cpus), "CPU": cpu, "Memory": memory, "OS": system}


def markdown_table(header, lines):
    out = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    out += ["| " + " | ".join(line) + " |" for line in lines]
    return "\n".join(out)


def write_results(path, table, results, facts, command, settings):
    measurements = []
    for workload in WORKLOADS:
        for (side, name, variant), result in results.items():
            if name == workload.name:
                measurements.append([side, name, variant, number(result.median), number(result.low),
                                     number(result.high), str(result.count), result.unit,
                                     "lower" if result.lower_is_better else "higher"])
    facts_list = "\n".join(f"- {key}: {value}" for key, value in facts.items())
    definitions = "\n".join(f"- `{w.name}` ({w.title}): {w.measures}" for w in WORKLOADS)
    text = f"""# Benchmark results: multiprocessing4j and CPython's multiprocessing

<!-- Generated by benchmarks/compare. Do not edit: run it again instead. -->

Generated by one run of `{command}` from the repository root.
That command measures both sides on the same machine in one go and rewrites this file and [`results.svg`](results.svg).
To reproduce, run `benchmarks/compare` (`--quick` for a smoke run, `--only <workload-prefix>` for some workloads, `--java <java-home>` for another JDK).

Each figure is the median of {settings['repetitions']} timed repetitions after {settings['warmup']} warm-up runs; the pool throughput workloads (`pool.map`, `pool.imap-chunk-1`, `pool.apply-async`), measured in their steady state, warm up for at least {settings['steady']} s as well, on both sides.
Each workload runs in a JVM, or an interpreter, of its own (as JMH forks for each benchmark: what a JIT compiler learned from one workload does not shape the code of the next), after a pause of one second that lets the processes of the one before exit.
The ratio is multiprocessing4j's median divided by CPython's.

![multiprocessing4j and CPython medians]({chart.FILE_NAME})

## Medians

{markdown_table(HEADER, [row_cells(row) for row in table])}

## Machine

{facts_list}

## All measurements

{markdown_table(["side", "workload", "variant", "median", "min", "max", "n", "unit", "better"],
                measurements)}

## What each workload measures

{definitions}
"""
    path.write_text(text, encoding="utf-8")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer repetitions, for a smoke run")
    parser.add_argument("--only", default="", help="run only workloads whose name starts so")
    parser.add_argument("--java", required=True, help="the java launcher for the Java side")
    parser.add_argument("--classpath", required=True, help="the Java side's class path")
    parser.add_argument("--python", default=sys.executable, help="the interpreter for the CPython side")
    parser.add_argument("--command", default="benchmarks/compare", help="recorded in RESULTS.md")
    args = parser.parse_args()
    settings = QUICK if args.quick else FULL
    common = ["--warmup", str(settings["warmup"]), "--repetitions", str(settings["repetitions"]),
              "--steady-seconds", str(settings["steady"])]
    if args.only:
        common += ["--only", args.only]

    results, meta = {}, {}
    run_side(PYTHON, [args.python, str(HERE / "workloads.py")] + common, results, meta)
    run_side(JAVA, [args.java, "-cp", args.classpath, JAVA_MAIN] + common + ["--python", args.python], results, meta)
    if not results:
        sys.exit(f"no workload matches --only {args.only!r}; nothing written")

    table = rows(results)
    print()
    print_table(table)

    facts = machine()
    jdk, python = meta.get("jdk", "unknown"), meta.get("python", "unknown")
    facts["JDK"] = f"{jdk}, {meta.get('java.home', '')}"
    facts["Python"] = f"{python}, {meta.get('python.executable', '')}"
    date = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    facts["Date"] = date
    facts["Command"] = f"`{args.command}`"
    write_results(BENCHMARKS / "RESULTS.md", table, results, facts, args.command, settings)
    subtitle = [f"{facts['CPU']}, {facts['CPUs (nproc)']} CPUs, {facts['Memory']}; {date}",
                f"JDK {jdk.split(' ')[0]}; {python}; median of {settings['repetitions']} runs"]
    chart.write(BENCHMARKS / chart.FILE_NAME, WORKLOADS, results, subtitle, JAVA, PYTHON)
    print(f"\nwrote {BENCHMARKS / 'RESULTS.md'} and {BENCHMARKS / chart.FILE_NAME}")


if __name__ == "__main__":
    main()
