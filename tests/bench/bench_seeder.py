"""`make bench`: seeder speed and memory per tier, printed as a table.

Tiers (issue #4): S 1k customers x 30 days, M 20k x 90 days, L 100k
customers and about 10M transactions (35 days). Each tier runs the real CLI
in a child process into a fresh warehouse; wall time and the child's peak
resident memory (wait4 rusage) are measured. Targets: L in <= 30 s with peak
RSS <= 2 GiB, and time per million transactions from M to L within +-20 %.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import duckdb

REPO = Path(__file__).resolve().parents[2]
TIERS = {
    "S": (1_000, 30),
    "M": (20_000, 90),
    "L": (100_000, 35),
}
L_SECONDS, L_RSS_GIB, LINEARITY = 30.0, 2.0, 0.20


def run_tier(name: str, customers: int, days: int, folder: Path) -> dict:
    db = folder / f"bench_{name}.duckdb"
    cmd = [
        sys.executable,
        "-m",
        "seeds_generator",
        "--quiet",
        "--db",
        str(db),
        "--customers",
        str(customers),
        "--days",
        str(days),
    ]
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=REPO)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"tier {name} failed: {' '.join(cmd)}")
    con = duckdb.connect(str(db), read_only=True)
    tx, auth, logins = con.execute(
        "select (select count(*) from raw.payment_transactions), "
        "(select count(*) from raw.authentication_logs), "
        "(select count(*) from raw.login_events)"
    ).fetchone()
    con.close()
    size_mb = db.stat().st_size / 2**20
    db.unlink()
    return {
        "tier": name,
        "customers": customers,
        "days": days,
        "tx": tx,
        "auth": auth,
        "logins": logins,
        "wall": wall,
        "rss_mb": usage.ru_maxrss / 1024,
        "size_mb": size_mb,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tiers", default="S,M,L", help="comma-separated tiers to run")
    args = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory(
        prefix="bank-bench-", dir=REPO / "warehouse" if (REPO / "warehouse").is_dir() else None
    ) as tmp:
        for name in args.tiers.split(","):
            customers, days = TIERS[name]
            print(
                f"running tier {name}: {customers:,} customers x {days} days ...",
                file=sys.stderr,
                flush=True,
            )
            rows.append(run_tier(name, customers, days, Path(tmp)))

    print("\nSeeder benchmark (2-core machine targets from issue #4)\n")
    head = (
        f"{'tier':<5}{'customers':>10}{'days':>6}{'transactions':>14}{'auth logs':>12}"
        f"{'logins':>11}{'wall s':>9}{'tx/s':>11}{'s per M tx':>12}{'peak RSS MB':>13}"
        f"{'file MB':>9}"
    )
    print(head)
    print("-" * len(head))
    for r in rows:
        per_m = r["wall"] / (r["tx"] / 1e6)
        print(
            f"{r['tier']:<5}{r['customers']:>10,}{r['days']:>6}{r['tx']:>14,}{r['auth']:>12,}"
            f"{r['logins']:>11,}{r['wall']:>9.1f}{r['tx'] / r['wall']:>11,.0f}{per_m:>12.2f}"
            f"{r['rss_mb']:>13,.0f}{r['size_mb']:>9,.0f}"
        )
    by = {r["tier"]: r for r in rows}
    print()
    ok = True
    if "L" in by:
        fast = by["L"]["wall"] <= L_SECONDS
        lean = by["L"]["rss_mb"] <= L_RSS_GIB * 1024
        print(
            f"L landed in <= {L_SECONDS:.0f} s: {'yes' if fast else 'NO'} ({by['L']['wall']:.1f} s)"
        )
        print(
            f"L peak RSS <= {L_RSS_GIB:.0f} GiB: {'yes' if lean else 'NO'} "
            f"({by['L']['rss_mb']:,.0f} MB)"
        )
        ok &= fast and lean
    if "M" in by and "L" in by:
        m = by["M"]["wall"] / by["M"]["tx"]
        big = by["L"]["wall"] / by["L"]["tx"]
        drift = big / m - 1
        linear = abs(drift) <= LINEARITY
        print(
            f"time per million transactions, M -> L within +-{LINEARITY:.0%}: "
            f"{'yes' if linear else 'NO'} ({drift:+.0%})"
        )
        ok &= linear
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
