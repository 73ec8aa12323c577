"""The chart of benchmarks/compare: one panel per workload, one horizontal bar per measured
variant, multiprocessing4j and CPython in two colours. Hand-written SVG, so the report needs
nothing beyond the standard library and the README can show the file as it is.

Each panel has its own linear scale, because workloads differ in unit and size, unless its
workload names another one in same_scale_as: then both panels share a scale and compare by eye.
"""

from xml.sax.saxutils import escape

from result_line import number

FILE_NAME = "results.svg"

WIDTH = 840
LABEL_WIDTH = 210   # the variant names, left of the bars
BAR_AREA = 420      # the longest bar of a panel
BAR_HEIGHT = 20
BAR_GAP = 6
FONT = "font-family=\"DejaVu Sans, Helvetica, Arial, sans-serif\""
COLOURS = {"java": "#e76f00", "python": "#3776ab"}  # the two projects' own brand colours
TEXT, MUTED, GRID = "#222222", "#666666", "#dddddd"


def text(x, y, content, size=12, anchor="start", weight="normal", fill=TEXT):
    return (f'<text x="{x:.1f}" y="{y:.1f}" {FONT} font-size="{size}" text-anchor="{anchor}" '
            f'font-weight="{weight}" fill="{fill}">{escape(content)}</text>')


def bars_of(workload, results, java_side, python_side):
    """The panel's bars, Java variants first, each variant once, in the order the rows name them."""
    bars = []
    for side, colour, pick in ((java_side, "java", lambda c: c.java),
                               (python_side, "python", lambda c: c.python)):
        for comparison in workload.comparisons:
            result = results.get((side, workload.name, pick(comparison)))
            if result is not None and all(bar[1] is not result for bar in bars):
                bars.append((f"{side} {result.variant}", result, colour))
    return bars


def goals_of(workload, results, java_side, python_side):
    """(x value, label) of each goal line: the goal ratio times the CPython median it refers to."""
    goals = []
    for comparison in workload.comparisons:
        if comparison.java_goal is not None:
            goals.append((comparison.java_goal, f"goal: {java_side} at least {comparison.java_goal:g}"))
        python = results.get((python_side, workload.name, comparison.python))
        if comparison.goal is not None and python is not None:
            bound = "at most" if python.lower_is_better else "at least"
            goals.append((comparison.goal * python.median,
                          f"goal: {bound} {comparison.goal:g}× {python_side} {comparison.python}"))
    return goals


def largest(workload, results, java_side, python_side):
    """The largest value a panel draws: its longest bar or its farthest goal line."""
    values = [bar[1].median for bar in bars_of(workload, results, java_side, python_side)]
    values += [goal[0] for goal in goals_of(workload, results, java_side, python_side)]
    return max(values, default=0.0)


def scales(workloads, results, java_side, python_side):
    """The value drawn at full bar length, per workload name."""
    scale = {w.name: largest(w, results, java_side, python_side) for w in workloads}
    for workload in workloads:
        other = workload.same_scale_as
        if other in scale:
            scale[workload.name] = scale[other] = max(scale[workload.name], scale[other])
    return scale


def panel(workload, results, java_side, python_side, top, scale_max):
    """SVG elements of one workload's panel starting at y = top, and the panel's height."""
    bars = bars_of(workload, results, java_side, python_side)
    if not bars:
        return [], 0
    goals = goals_of(workload, results, java_side, python_side)
    unit = bars[0][1].unit
    better = "lower" if bars[0][1].lower_is_better else "higher"
    scale_max = scale_max or 1.0

    def x_of(value):
        return LABEL_WIDTH + BAR_AREA * value / scale_max

    first = workload.comparisons[0]
    reference = results.get((python_side, workload.name, first.python))
    out = [text(16, top + 14, workload.title, size=14, weight="bold"),
           text(16, top + 31, f"median {unit}, {better} is better", size=11, fill=MUTED)]
    y = top + 44
    bars_top = y
    for label, result, colour in bars:
        width = max(x_of(result.median) - LABEL_WIDTH, 1.0)
        value = f"{number(result.median)} {unit}"
        if colour == "java" and reference is not None and reference.median > 0:
            value += f"  ({result.median / reference.median:.2f}× {python_side} {first.python})"
        out.append(text(LABEL_WIDTH - 8, y + BAR_HEIGHT * 0.7, label, anchor="end"))
        out.append(f'<rect x="{LABEL_WIDTH}" y="{y}" width="{width:.1f}" height="{BAR_HEIGHT}" '
                   f'fill="{COLOURS[colour]}"/>')
        out.append(text(LABEL_WIDTH + width + 6, y + BAR_HEIGHT * 0.7, value, size=11))
        y += BAR_HEIGHT + BAR_GAP
    for value, label in goals:
        x = x_of(value)
        out.append(f'<line x1="{x:.1f}" y1="{bars_top - 4}" x2="{x:.1f}" y2="{y - BAR_GAP + 4}" '
                   f'stroke="{TEXT}" stroke-width="1.2" stroke-dasharray="4 3"/>')
        out.append(text(x, y + 12, label, size=11, anchor="middle", fill=MUTED))
        y += 16
    out.append(f'<line x1="{LABEL_WIDTH}" y1="{bars_top - 4}" x2="{LABEL_WIDTH}" '
               f'y2="{bars_top + len(bars) * (BAR_HEIGHT + BAR_GAP) - BAR_GAP + 4}" '
               f'stroke="{GRID}" stroke-width="1"/>')
    return out, y - top + 18


def write(path, workloads, results, subtitle, java_side, python_side):
    """Writes the chart; subtitle is a few short lines saying where and when it was measured."""
    body = [text(16, 28, f"{java_side} and {python_side} multiprocessing", size=18, weight="bold")]
    for i, line in enumerate(subtitle):
        body.append(text(16, 48 + 16 * i, line, size=11, fill=MUTED))
    legend_y = 48 + 16 * len(subtitle) + 8
    for i, (side, colour) in enumerate(((java_side, "java"), (python_side, "python"))):
        x = 16 + i * 180
        body.append(f'<rect x="{x}" y="{legend_y - 10}" width="12" height="12" '
                    f'fill="{COLOURS[colour]}"/>')
        body.append(text(x + 18, legend_y, side, size=12))
    y = legend_y + 22
    scale = scales(workloads, results, java_side, python_side)
    for workload in workloads:
        elements, height = panel(workload, results, java_side, python_side, y, scale[workload.name])
        body += elements
        y += height
    height = y + 4
    svg = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{height}" '
           f'viewBox="0 0 {WIDTH} {height}">',
           # an opaque background keeps the dark text readable on a dark page theme
           f'<rect width="{WIDTH}" height="{height}" fill="#ffffff"/>']
    svg += body + ["</svg>", ""]
    path.write_text("\n".join(svg), encoding="utf-8")
