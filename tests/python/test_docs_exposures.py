"""Lineage and docs: the report pages as dbt exposures, and the analyst queries.

- models/marts/_report_site__exposures.yml declares one exposure per report page
  (reports/pages/*.md), depending on marts only, and on every mart that the
  page's source queries (reports/sources/bank/*.sql) read;
- the static dbt docs site (``make docs`` -> target/static_index.html) carries them;
- analyses/ holds documented, reusable queries that compile
  (``dbt compile --select path:analyses``) and read marts.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

REPO_ROOT = Path(__file__).resolve().parents[2]
EXPOSURES_YML = REPO_ROOT / "models" / "marts" / "_report_site__exposures.yml"
MARTS_DIR = REPO_ROOT / "models" / "marts"
PAGES_DIR = REPO_ROOT / "reports" / "pages"
SOURCES_DIR = REPO_ROOT / "reports" / "sources" / "bank"
ANALYSES_DIR = REPO_ROOT / "analyses"
# `make docs` writes target/static_index.html (dbt honours DBT_TARGET_PATH)
STATIC_DOCS = REPO_ROOT / os.environ.get("DBT_TARGET_PATH", "target") / "static_index.html"
DBT = Path(sys.executable).parent / "dbt"

# Analyses read marts only: the fraud ground truth reaches them through the
# evaluation marts (fct_alert_performance, fct_fraud_case_detection), never
# through the staging labels.


def _exposures() -> list[dict]:
    data = yaml.safe_load(EXPOSURES_YML.read_text(encoding="utf-8"))
    exposures = data.get("exposures") or []
    assert exposures, f"no exposures in {EXPOSURES_YML}"
    return exposures


def _refs(exposure: dict) -> set[str]:
    refs = set()
    for dep in exposure.get("depends_on", []):
        match = re.fullmatch(r"ref\(\s*['\"]([\w]+)['\"]\s*\)", dep.strip())
        assert match, f"{exposure['name']}: depends_on entry {dep!r} is not a ref() to a model"
        refs.add(match.group(1))
    return refs


def _mart_models() -> set[str]:
    return {p.stem for p in MARTS_DIR.rglob("*") if p.suffix in {".sql", ".py"}}


def _marts_read_by_source(name: str) -> set[str]:
    sql = re.sub(r"--[^\n]*", "", (SOURCES_DIR / f"{name}.sql").read_text(encoding="utf-8"))
    return set(re.findall(r"\bmarts\.(\w+)", sql))


def _sources_used_by_page(page: Path) -> set[str]:
    return set(re.findall(r"\bbank\.(\w+)", page.read_text(encoding="utf-8")))


def _exposure_for_page(page: Path) -> dict:
    rel = page.relative_to(REPO_ROOT).as_posix()
    found = [
        e for e in _exposures() if e.get("config", {}).get("meta", {}).get("page_source") == rel
    ]
    assert len(found) == 1, f"expected one exposure with meta.page_source {rel}, found {len(found)}"
    return found[0]


# --------------------------------------------------------------------------
# exposures
# --------------------------------------------------------------------------


def test_every_report_page_has_an_exposure():
    pages = sorted(PAGES_DIR.glob("*.md"))
    assert len(pages) >= 8, pages
    for page in pages:
        exposure = _exposure_for_page(page)
        assert exposure["type"] == "dashboard"
        assert exposure.get("owner", {}).get("name") or exposure.get("owner", {}).get("email")
        assert exposure.get("description", "").strip(), exposure["name"]
        slug = "" if page.stem == "index" else f"{page.stem}/"
        path = exposure["config"]["meta"]["page_path"]
        assert path == f"/{slug}", f"{exposure['name']}: page_path {path}, page {page.name}"
        assert exposure["url"].endswith(path), exposure["url"]
    assert len(_exposures()) == len(pages), "an exposure without a page"


def test_exposures_depend_only_on_marts():
    marts = _mart_models()
    for exposure in _exposures():
        refs = _refs(exposure)
        assert refs, f"{exposure['name']} depends on nothing"
        assert refs <= marts, f"{exposure['name']} depends on non-marts: {sorted(refs - marts)}"


def test_exposures_declare_every_mart_their_page_reads():
    for page in sorted(PAGES_DIR.glob("*.md")):
        sources = _sources_used_by_page(page)
        assert sources, f"{page.name} uses no source query"
        read = set().union(*(_marts_read_by_source(s) for s in sources))
        declared = _refs(_exposure_for_page(page))
        assert read <= declared, (
            f"{page.name} reads marts {sorted(read - declared)} that its exposure does not "
            f"declare in {EXPOSURES_YML.name}"
        )


def test_static_docs_site_contains_the_exposures():
    if not STATIC_DOCS.is_file():
        pytest.fail(f"{STATIC_DOCS} does not exist: build the dbt docs site first (make docs)")
    html = STATIC_DOCS.read_text(encoding="utf-8", errors="replace")
    for exposure in _exposures():
        unique_id = f"exposure.bank.{exposure['name']}"
        assert unique_id in html, f"{unique_id} is not in {STATIC_DOCS}; rerun make docs"


# --------------------------------------------------------------------------
# analyses
# --------------------------------------------------------------------------


def _analyses() -> list[Path]:
    files = sorted(ANALYSES_DIR.glob("*.sql"))
    assert len(files) >= 5, f"expected at least five analyses, found {[f.name for f in files]}"
    return files


def test_analyses_are_documented():
    documented = yaml.safe_load((ANALYSES_DIR / "_analyses.yml").read_text(encoding="utf-8"))
    entries = {a["name"]: a for a in documented.get("analyses", [])}
    for path in _analyses():
        lines = path.read_text(encoding="utf-8").splitlines()
        header = [line for line in lines[:3] if line.startswith("--")]
        assert len(header) >= 2, f"{path.name} has no header comment"
        assert path.stem in entries, f"{path.name} is not described in analyses/_analyses.yml"
        assert entries[path.stem].get("description", "").strip(), path.stem
    assert set(entries) == {p.stem for p in _analyses()}, "a described analysis has no .sql"


@pytest.mark.e2e
def test_analyses_compile_and_read_marts(tmp_path):
    """What CI runs: dbt compile --select path:analyses (into a private target path,
    against an in-memory DuckDB: compiling needs no warehouse)."""
    env = {
        **os.environ,
        "BANK_DUCKDB_PATH": ":memory:",
        "DBT_PROFILES_DIR": str(REPO_ROOT),
        "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
    }
    target = tmp_path / "target"
    proc = subprocess.run(
        [
            str(DBT),
            "compile",
            "--select",
            "path:analyses",
            "--target-path",
            str(target),
            "--log-path",
            str(tmp_path / "logs"),
            "--quiet",
        ],
        cwd=REPO_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert proc.returncode == 0, f"dbt compile failed:\n{proc.stdout}\n{proc.stderr}"
    compiled_dir = target / "compiled" / "bank" / "analyses"
    marts = _mart_models()
    for path in _analyses():
        compiled = compiled_dir / path.name
        assert compiled.is_file(), f"{path.name} was not compiled"
        sql = compiled.read_text(encoding="utf-8")
        assert "{{" not in sql and "{%" not in sql, f"{path.name}: unrendered Jinja"
        relations = set(re.findall(r'"(\w+)"\."(\w+)"(?=[\s)]|$)', sql))
        read_marts = {name for schema, name in relations if schema == "marts"}
        assert read_marts, f"{path.name} reads no mart"
        assert read_marts <= marts, f"{path.name}: {sorted(read_marts - marts)}"
        others = {f"{schema}.{name}" for schema, name in relations if schema != "marts"}
        assert not others, f"{path.name} reads non-marts {sorted(others)}"
