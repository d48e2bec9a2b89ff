"""What bench/report.py's sections share: reading figures out of CSV rows,
plots as Markdown, and the prose of bench/notes/*.md with the run's figures."""
import math
import os
import re


def figure(row, key):
    try:
        return float(row[key])
    except (KeyError, TypeError, ValueError):
        return math.nan


def find(rows, **match):
    return next((row for row in rows if all(row.get(key) == value for key, value in match.items())), None)


def plot(run_results, docs, name, caption):
    path = os.path.join(run_results, "plots", name)
    if not os.path.exists(path):
        return [f"_({name} was not produced in this run.)_", ""]
    return [f"![{caption}]({os.path.relpath(path, docs)})", ""]


NOTES = os.path.join(os.path.dirname(os.path.abspath(__file__)), "notes")


def note(name, rows=None):
    """The hand-written prose of bench/notes/<name>.md. It quotes the run's figures only as
    `{{row.column}}` placeholders, filled from `rows` (name -> CSV row). A note with a placeholder the
    run did not fill is replaced by one line naming what is missing, never printed with a guess."""
    path = os.path.join(NOTES, f"{name}.md")
    if not os.path.exists(path):
        return []
    with open(path) as handle:
        text = handle.read().rstrip()

    missing = []

    def value(match):
        row, _, column = match.group(1).partition(".")
        found = (rows or {}).get(row, {}).get(column)
        if found is None:
            missing.append(match.group(1))
        return str(found)

    text = re.sub(r"\{\{([\w@.-]+)\}\}", value, text)
    if missing:
        return [f"_(bench/notes/{name}.md quotes figures this run did not make: {', '.join(missing[:5])}; "
                "run every setting to see it.)_", ""]
    return text.split("\n") + [""]


def ratio(a, b, key):
    value = figure(a, key) / figure(b, key)
    return f"{value:.1f}x" if math.isfinite(value) else "?"
