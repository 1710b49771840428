"""Each threshold in one place: the dbt vars of dbt_project.yml.

Everything else that needs a regulatory amount reads the vars or is checked
against them here:
- the rule book, docs/sbv2345.md: its class table and reporting threshold
  say the same amounts as the sbv2345_* vars and risk_large_value_report_vnd;
- the seeder, which does not run dbt: its copy, seeds_generator/regulation.py;
- the report site: its pages and source queries read the amounts from
  marts.dim_amount_thresholds, so none of them writes one out;
- the dbt unit tests: a unit test of a model that reads an amount var
  (``*_vnd``) pins that var with an explicit override, so its hand-computed
  rows do not silently change meaning when the var does.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from seeds_generator import regulation

REPO = Path(__file__).resolve().parents[2]
RULE_BOOK = REPO / "docs" / "sbv2345.md"
UNIT = {"M": 1_000_000, "B": 1_000_000_000}
CLASS = {3: "a", 4: "b", 5: "c"}  # cell index of classes A, B, C in the table
MEASURE = {"G": "amount", "G+T": "daily", "G+Tksth": "tksth"}
BOUND = re.compile(r"(G\+Tksth|G\+T|G) ≤ ([\d.]+)([MB])")


def dbt_vars() -> dict:
    return yaml.safe_load((REPO / "dbt_project.yml").read_text(encoding="utf-8"))["vars"]


def rule_book_amounts() -> dict[str, int]:
    """The upper bounds of the rule book's class table, named as the vars are
    (``sbv2345_<group>_<class>_max_<measure>_vnd``; I.2 bounds only G+T and
    its vars leave the measure out), and the large-value report."""
    found: dict[str, int] = {}
    text = RULE_BOOK.read_text(encoding="utf-8")
    for line in text.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) != 7 or not re.fullmatch(r"I{1,2}\.\d", cells[0]):
            continue
        group = cells[0].lower().replace(".", "")
        for index, cls in CLASS.items():
            for measure, number, unit in BOUND.findall(cells[index]):
                amount = round(float(number) * UNIT[unit])
                if group == "i2":
                    name = f"sbv2345_i2_{cls}_max_vnd"
                else:
                    name = f"sbv2345_{group}_{cls}_max_{MEASURE[measure]}_vnd"
                assert found.setdefault(name, amount) == amount, (name, line)
    report = re.search(r"one transaction of at least\s+([\d,]+) VND", text)
    assert report, "the rule book's reporting threshold sentence is gone"
    found["risk_large_value_report_vnd"] = int(report.group(1).replace(",", ""))
    return found


def test_the_rule_book_and_the_vars_agree():
    book = rule_book_amounts()
    ours = {
        k: v
        for k, v in dbt_vars().items()
        if k.startswith("sbv2345_") and k.endswith("_vnd") or k == "risk_large_value_report_vnd"
    }
    assert len(book) == 14, sorted(book)
    assert book == ours


def test_the_seeders_copy_is_the_vars():
    v = dbt_vars()
    assert regulation.VARS == {name: v[name] for name in regulation.VARS}
    assert set(regulation.VARS) == set(rule_book_amounts())


def test_no_report_page_or_query_writes_out_a_regulatory_amount():
    amounts = set(rule_book_amounts().values())
    spelled = {str(a) for a in amounts} | {f"{a:,}" for a in amounts}
    labels = {
        (f"{a / 1e9:g}B" if a >= 1e9 else f"{a / 1e6:g}M") for a in amounts
    }  # 10M, 1.5B, as the pages would print them
    word = re.compile(r"(?<![\w.,])(" + "|".join(map(re.escape, spelled | labels)) + r")(?![\w,])")
    offenders = []
    for path in [
        *(REPO / "reports" / "pages").glob("*.md"),
        *(REPO / "reports" / "sources").rglob("*.sql"),
    ]:
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if word.search(line):
                offenders.append(f"{path.relative_to(REPO)}:{n}: {line.strip()}")
    assert not offenders, "\n".join(offenders)


VAR_CALL = re.compile(r"var\(\s*['\"]([a-z0-9_]+)['\"]")


def _vars_read(manifest: dict, node: dict) -> set[str]:
    """Vars a model reads: in its own code and every macro it calls."""
    found = set(VAR_CALL.findall(node["raw_code"]))
    todo, seen = list(node["depends_on"]["macros"]), set()
    while todo:
        macro = manifest["macros"].get(todo.pop())
        if macro is None or macro["unique_id"] in seen:
            continue
        seen.add(macro["unique_id"])
        found |= set(VAR_CALL.findall(macro["macro_sql"]))
        todo += macro.get("depends_on", {}).get("macros", [])
    return found


def test_unit_tests_pin_the_amount_vars_their_model_reads(manifest):
    missing = []
    for test in manifest["unit_tests"].values():
        node = manifest["nodes"][test["depends_on"]["nodes"][0]]
        amounts = {v for v in _vars_read(manifest, node) if v.endswith("_vnd")}
        pinned = set(((test.get("overrides") or {}).get("vars")) or {})
        if amounts - pinned:
            missing.append(f"{test['name']} ({node['name']}): {sorted(amounts - pinned)}")
    assert not missing, "unit tests that do not pin an amount var:\n" + "\n".join(missing)
