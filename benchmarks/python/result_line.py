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


def millis(workload, variant, samples):
    """The line of a timing in milliseconds, where lower is better."""
    fields = [workload, variant, f"{statistics.median(samples):.4f}", "ms", "1",
              str(len(samples)), f"{min(samples):.4f}", f"{max(samples):.4f}"]
    return "\t".join(fields)


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
