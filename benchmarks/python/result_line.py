"""The line format both sides of benchmarks/compare print, one result a line, tab-separated:

    workload  variant  median  unit  lower_is_better(1/0)  count  min  max  samples

`samples` is every timed repetition, comma-separated, so that the report can pool the lines of
the same workload from several JVMs or interpreters; the report computes every figure from them,
and the fields before are for people reading the lines. Lines "#<TAB>key<TAB>value" describe the
runtime instead. The Java side (ResultLine.java) prints exactly the same fields.
"""

import statistics
from dataclasses import dataclass


@dataclass(frozen=True)
class Result:
    side: str
    workload: str
    variant: str
    unit: str
    lower_is_better: bool
    samples: tuple  # the values themselves, pooled over every run that measured them

    @property
    def median(self):
        return statistics.median(self.samples)

    @property
    def low(self):
        return min(self.samples)

    @property
    def high(self):
        return max(self.samples)

    @property
    def count(self):
        return len(self.samples)

    @property
    def tail(self):
        """The slow tail: the 90th percentile of a time, the 10th of a rate (the worse side of
        nine in ten runs); with fewer than two samples, the one there is."""
        if len(self.samples) < 2:
            return self.samples[0]
        deciles = statistics.quantiles(self.samples, n=10, method="inclusive")
        return deciles[-1] if self.lower_is_better else deciles[0]

    @property
    def tail_name(self):
        return "p90" if self.lower_is_better else "p10"

    def pooled(self, other):
        """This result and another of the same measurement, from another run, as one."""
        return Result(self.side, self.workload, self.variant, self.unit, self.lower_is_better,
                      self.samples + other.samples)


def line(workload, variant, samples, unit, lower_is_better):
    """The line of a measurement: its median, count, range and samples."""
    fields = [workload, variant, f"{statistics.median(samples):.4f}", unit, "1" if lower_is_better else "0",
              str(len(samples)), f"{min(samples):.4f}", f"{max(samples):.4f}",
              ",".join(f"{value:.6g}" for value in samples)]
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
    if len(fields) != 9:
        return None
    try:
        samples = tuple(float(value) for value in fields[8].split(","))
        return Result(side, fields[0], fields[1], fields[3], fields[4] == "1", samples)
    except ValueError:
        return None


def number(value):
    """Three significant figures or so: enough for a noisy median, no false precision."""
    if value >= 100:
        return f"{value:.0f}"
    if value >= 10:
        return f"{value:.1f}"
    return f"{value:.2f}"
