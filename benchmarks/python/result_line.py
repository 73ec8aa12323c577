"""The line format both sides of benchmarks/compare print, one result a line, tab-separated:

    workload  variant  median  unit  lower_is_better(1/0)  count  min  max

Lines "#<TAB>key<TAB>value" describe the runtime instead. The Java side (ResultLine.java) prints
exactly the same fields.
"""

import statistics
from dataclasses import dataclass


@dataclass(frozen=True)
class Result:
    side: str
    workload: str
    variant: str
    median: float
    unit: str
    lower_is_better: bool
    count: int
    low: float
    high: float


def line(workload, variant, samples, unit, lower_is_better):
    """The line of a measurement: the median, count and range of its samples."""
    fields = [workload, variant, f"{statistics.median(samples):.4f}", unit, "1" if lower_is_better else "0",
              str(len(samples)), f"{min(samples):.4f}", f"{max(samples):.4f}"]
    return "\t".join(fields)


def millis(workload, variant, samples):
    """The line of a timing in milliseconds, where lower is better."""
    return line(workload, variant, samples, "ms", True)


def rate(workload, variant, millis_samples, operations):
    """The line of a throughput in millions of operations per second, where higher is better, from
    the milliseconds that each sample took for `operations` operations."""
    return line(workload, variant, [operations / (ms * 1000.0) for ms in millis_samples], "M ops/s", False)


def micros_each(workload, variant, millis_samples, operations):
    """The line of the time one operation took, in microseconds, where lower is better, from the
    milliseconds that each sample took for `operations` operations."""
    return line(workload, variant, [ms * 1000.0 / operations for ms in millis_samples], "us", True)


def factor(workload, variant, samples):
    """The line of a factor, such as a speed-up, where higher is better."""
    return line(workload, variant, samples, "x", False)


def meta(key, value):
    return f"#\t{key}\t{value}"


def parse(side, line):
    """A Result, a (key, value) tuple for a '#' line, or None for a line of neither format."""
    fields = line.rstrip("\n").split("\t")
    if fields[0] == "#" and len(fields) == 3:
        return (fields[1], fields[2])
    if len(fields) != 8:
        return None
    try:
        return Result(side, fields[0], fields[1], float(fields[2]), fields[3], fields[4] == "1",
                      int(fields[5]), float(fields[6]), float(fields[7]))
    except ValueError:
        return None


def number(value):
    """Three significant figures or so: enough for a noisy median, no false precision."""
    if value >= 100:
        return f"{value:.0f}"
    if value >= 10:
        return f"{value:.1f}"
    return f"{value:.2f}"
