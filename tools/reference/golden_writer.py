"""Writes the goldens the C# tests read (src/MiaRepro.Tests/<folder>/golden/<name>); shared by the reference scripts
so that every golden file is written, and laid out, by one piece of code.

Two layouts: json.dump with indent=1 (the default), or by_case=True, one line per case (every non-empty list of
objects is written one object a line): small, and a regenerated file diffs by case.
"""
import json
import pathlib

TESTS = pathlib.Path(__file__).resolve().parents[2] / "src" / "MiaRepro.Tests"


def dump_by_case(doc):
    """One line per case of each list of cases, one line per other key."""
    lines = []
    for key, value in doc.items():
        if isinstance(value, list) and value and isinstance(value[0], dict):
            items = ",\n".join("  " + json.dumps(v, separators=(",", ":")) for v in value)
            lines.append(f"{json.dumps(key)}: [\n{items}\n ]")
        else:
            lines.append(f"{json.dumps(key)}: {json.dumps(value)}")
    return "{\n " + ",\n ".join(lines) + "\n}\n"


def write_golden(path, doc, by_case=False):
    """Writes doc to src/MiaRepro.Tests/<path> (e.g. "Attacks/golden/lira_golden.json") and says where."""
    out = TESTS / path
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(dump_by_case(doc) if by_case else json.dumps(doc, indent=1) + "\n")
    print(f"wrote {out.relative_to(TESTS.parents[1])}")
