"""Personal data never reaches a mart in clear.

Reads dbt's manifest (``dbt parse`` into a tmp target folder, no warehouse
needed) and applies one rule, by column name, along the lineage:

* The PII names of a mart are the columns tagged ``meta: {pii: true}`` in the
  staging models among its ancestors (``depends_on``, followed through
  intermediate models).
* A mart column whose name is one of those PII names must be documented as
  protected: ``meta: {pii: masked}`` or ``meta: {pii: hashed}`` (built with
  mask_* / pii_hash from macros/pii/). A mart column tagged ``pii: true`` is
  personal data in clear and always fails.
* A mart must declare its columns in YAML (its contract): the rule cannot
  see the columns of a mart that declares none, and ``select *`` from an
  intermediate model would carry PII unnoticed.
* Renaming does not launder a value: in the mart's SQL (comments removed,
  and the arguments of pii_hash / mask_* calls removed), a PII name may not
  appear as an identifier at all, e.g. ``customers.phone_number as contact``
  fails, ``{{ mask_phone('customers.phone_number') }} as contact`` passes.

The values themselves are scanned by dbt tests: the generic test
``no_pii_values`` on each mart and the sweep tests/assert_no_pii_in_marts.sql
(macros/pii/no_pii_values.sql).
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

from conftest import REPO

PROTECTED = {"masked", "hashed"}
PROTECTING_MACROS = r"(pii_hash|mask_phone|mask_national_id|mask_email|mask_keep_ends)"


def column_pii(column: dict) -> object:
    meta = {**(column.get("meta") or {}), **((column.get("config") or {}).get("meta") or {})}
    return meta.get("pii")


def layer(node: dict) -> str:
    parts = Path(node["original_file_path"]).parts
    return parts[1] if len(parts) > 2 and parts[0] == "models" else ""


def ancestors(nodes: dict, unique_id: str) -> set[str]:
    seen: set[str] = set()
    todo = list(nodes[unique_id]["depends_on"]["nodes"])
    while todo:
        parent = todo.pop()
        if parent in seen or parent not in nodes:
            continue
        seen.add(parent)
        todo.extend(nodes[parent]["depends_on"]["nodes"])
    return seen


def strip_protected(sql: str) -> str:
    """SQL without comments and without the arguments of protecting macros."""
    sql = re.sub(r"\{#.*?#\}", " ", sql, flags=re.S)
    sql = re.sub(r"/\*.*?\*/", " ", sql, flags=re.S)
    sql = re.sub(r"--[^\n]*", " ", sql)
    return re.sub(PROTECTING_MACROS + r"\s*\([^)]*\)", " ", sql)


def pii_leaks(manifest: dict) -> list[str]:
    """Every violation of the module's rule, as readable messages."""
    nodes = {k: v for k, v in manifest["nodes"].items() if v["resource_type"] == "model"}
    tagged = {
        uid: {name for name, col in node["columns"].items() if column_pii(col) is True}
        for uid, node in nodes.items()
        if layer(node) == "staging"
    }
    leaks = []
    for uid, node in sorted(nodes.items()):
        if layer(node) != "marts":
            continue
        sources = {
            name: parent for parent in ancestors(nodes, uid) for name in tagged.get(parent, ())
        }
        if not node["columns"]:
            leaks.append(f"{node['name']} declares no columns: the PII rule cannot check it")
        for name, column in node["columns"].items():
            pii = column_pii(column)
            if pii is True:
                leaks.append(f"{node['name']}.{name} is tagged pii: true (clear PII in a mart)")
            elif name in sources and pii not in PROTECTED:
                leaks.append(
                    f"{node['name']}.{name} carries {sources[name]} column {name} "
                    f"without meta pii: masked|hashed"
                )
        code = strip_protected(node["raw_code"])
        for name, parent in sorted(sources.items()):
            documented = column_pii(node["columns"].get(name, {})) in PROTECTED
            if not documented and re.search(rf"(?<![\w']){name}(?![\w'])", code):
                leaks.append(
                    f"{node['name']} reads PII column {name} of {parent} outside pii_hash / mask_*"
                )
    return leaks


def test_no_tagged_pii_column_reaches_a_mart_unmasked(manifest):
    leaks = pii_leaks(manifest)
    assert not leaks, "\n".join(leaks)


def test_staging_tags_the_personal_data_of_customers(manifest):
    """The rule is only as good as the tags: the issue's PII must be tagged."""
    tagged = {
        name
        for node in manifest["nodes"].values()
        if node["resource_type"] == "model" and layer(node) == "staging"
        for name, col in node["columns"].items()
        if column_pii(col) is True
    }
    assert {"national_id", "phone_number", "email", "full_name", "address"} <= tagged


def test_the_rule_catches_leaks_and_accepts_masks():
    def model(name, path, columns, deps=(), sql="select 1"):
        return {
            f"model.bank.{name}": {
                "resource_type": "model",
                "name": name,
                "original_file_path": path,
                "columns": columns,
                "depends_on": {"nodes": list(deps)},
                "raw_code": sql,
            }
        }

    stg = "model.bank.stg_x__customers"
    pii = {"config": {"meta": {"pii": True}}}
    nodes = {
        **model("stg_x__customers", "models/staging/x/s.sql", {"phone_number": pii, "id": {}}),
        **model(
            "int_customers",
            "models/intermediate/i.sql",
            {},
            [stg],
            "select id, phone_number from stg",
        ),
        **model(
            "fct_clear",
            "models/marts/a/c.sql",
            {"phone_number": {}},
            ["model.bank.int_customers"],
            "select phone_number from int_customers",
        ),
        **model(
            "fct_renamed",
            "models/marts/a/r.sql",
            {"contact": {}},
            [stg],
            "select c.phone_number as contact from stg as c",
        ),
        **model(
            "fct_masked",
            "models/marts/a/m.sql",
            {"phone_masked": {"meta": {"pii": "masked"}}},
            [stg],
            "select {{ mask_phone('c.phone_number') }} as phone_masked from stg as c "
            "-- was phone_number",
        ),
        **model("fct_undeclared", "models/marts/a/u.sql", {}, [stg], "select * from stg"),
        **model(
            "fct_documented",
            "models/marts/a/d.sql",
            {"phone_number": {"meta": {"pii": "hashed"}}},
            [stg],
            "select {{ pii_hash('phone_number') }} as phone_number from stg",
        ),
    }
    leaks = pii_leaks({"nodes": nodes})
    assert any(m.startswith("fct_clear.phone_number carries") for m in leaks)
    assert any(m.startswith("fct_clear reads PII column phone_number") for m in leaks)
    assert any(m.startswith("fct_renamed reads PII column phone_number") for m in leaks)
    assert "fct_undeclared declares no columns: the PII rule cannot check it" in leaks
    assert not [m for m in leaks if m.startswith(("fct_masked", "fct_documented"))]


def test_the_value_scan_counts_clear_personal_data(tmp_path):
    """pii_scan_sql (behind no_pii_values) on a hand-made relation.

    Expected counts by hand from the patterns' edge rules: a CCCD or mobile
    number must stand alone; digits glued to letters (a hash) do not count.
    """
    import duckdb

    db = tmp_path / "pii.duckdb"
    con = duckdb.connect(str(db))
    con.execute("create schema marts")
    con.execute(
        """
        create table marts.leaky as
        select * from (values
            ('CCCD: 001203004567', 'A', 1),
            ('001203004567', 'A', 2),
            ('call 0912345678.', 'B', 3),
            ('call 0912345678.', 'B', 4),
            ('+84912345678', 'B', 5),
            ('mail an.nguyen@example.com.vn', 'C', 6),
            ('deadbeef001203004567', 'C', 7),
            ('test.bank.x.0123456789', 'D', 8),
            (null, 'D', 9)
        ) as t(note, code, n)
        """
    )
    con.close()
    env = {**os.environ, "DBT_PROFILES_DIR": str(REPO), "BANK_DUCKDB_PATH": str(db)}
    inline = (
        "{{ pii_scan_sql([adapter.get_relation(database=target.database, "
        "schema='marts', identifier='leaky')]) }}"
    )
    result = subprocess.run(
        [
            str(Path(sys.executable).with_name("dbt")),
            "show",
            "--inline",
            inline,
            "--limit",
            "50",
            "--output",
            "json",
            "--log-format",
            "json",
            "--target-path",
            str(tmp_path / "target"),
            "--log-path",
            str(tmp_path / "logs"),
        ],
        cwd=REPO,
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout[-3000:]
    rows = None
    for line in result.stdout.splitlines():
        data = json.loads(line).get("data", {}) if line.startswith("{") else {}
        if "preview" in data:
            rows = json.loads(data["preview"])
    assert rows is not None, result.stdout[-3000:]
    found = {(r["column_name"], r["pii_kind"]): r["n_rows"] for r in rows}
    assert found == {
        ("note", "cccd"): 2,
        ("note", "vn_mobile"): 3,
        ("note", "email"): 1,
    }
