"""The CPython side of benchmarks/compare: the same workloads as the Java side
(CompareWorkloads), with the standard library's multiprocessing, each result printed on standard
output as one line of the format in result_line.py, for report.py to merge with the Java side's.
Progress and errors go to standard error. Standard library only.

    python3 workloads.py [--warmup N] [--repetitions N] [--only PREFIX]
"""

# Only what the children need is imported at the top. spawn and forkserver children import this
# module again (as __mp_main__), and the time those imports take is timed as part of their start;
# argparse, dataclasses and the like would make CPython look slower than it is. Everything else is
# imported inside the functions that use it.
import multiprocessing as mp
import sys
import time

START_METHODS = ("fork", "forkserver", "spawn")


def noop():
    """The child's target. Module level, so spawn and forkserver children find it by import."""


def collect(settings, trial):
    """Runs trial() settings.warmup times without keeping the result, then settings.repetitions
    times; each call returns the seconds it measured itself, so a workload can leave set-up out."""
    for _ in range(settings.warmup):
        trial()
    return [trial() * 1000.0 for _ in range(settings.repetitions)]


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


# Every workload, in report order. A new workload is one function here, one entry in
# CompareWorkloads with the same name, and one row in report.py.
WORKLOADS = [
    ("process.start-join", process_start_join),
    ("baseline.runtime-start", runtime_start),
]


def millis(workload, variant, samples):
    from result_line import millis as line

    return line(workload, variant, samples)


def main():
    import argparse
    import platform

    from result_line import meta

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--warmup", type=int, default=5)
    parser.add_argument("--repetitions", type=int, default=30)
    parser.add_argument("--only", default="")
    settings = parser.parse_args()
    if settings.warmup < 0 or settings.repetitions < 1:
        parser.error("--warmup >= 0 and --repetitions >= 1 required")

    def out(line):
        print(line, flush=True)

    out(meta("python", f"{platform.python_implementation()} {platform.python_version()}"))
    out(meta("python.executable", sys.executable))
    for name, workload in WORKLOADS:
        if name.startswith(settings.only):
            print(f"python: {name} ...", file=sys.stderr, flush=True)
            workload(settings, out)


# the guard matters: spawn and forkserver children import this module as __mp_main__
if __name__ == "__main__":
    main()
