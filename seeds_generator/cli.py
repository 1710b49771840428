"""``bank-seed``: argument parsing, progress and exit codes, nothing else.

Exit codes: 0 success, 2 bad input or an unusable warehouse (nothing
written), 1 an unexpected failure (nothing written either: loads are atomic).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import time
from pathlib import Path

from seeds_generator import warehouse
from seeds_generator.config import ScenarioError, builtin_scenarios, load_scenario, parse_date
from seeds_generator.simulate import simulate

EXIT_BAD_INPUT = 2


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # argparse exits 2 as well; keep one line
        self.print_usage(sys.stderr)
        self.exit(EXIT_BAD_INPUT, f"bank-seed: error: {message}\n")


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not an integer") from None
    if value <= 0:
        raise argparse.ArgumentTypeError(f"{value} is not a positive integer (allowed: >= 1)")
    return value


def _seed(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not an integer") from None
    if not 0 <= value < 2**32:
        raise argparse.ArgumentTypeError(f"{value} is out of range (allowed: 0 to 4294967295)")
    return value


def build_parser() -> argparse.ArgumentParser:
    p = _Parser(
        prog="bank-seed",
        description="Simulate a Vietnamese digital bank and land its core-banking "
        "tables in schema raw of a DuckDB warehouse.",
    )
    p.add_argument(
        "--scenario",
        default="normal_day",
        help="built-in scenario name or path to a YAML file (default: normal_day)",
    )
    p.add_argument("--customers", type=_positive_int, help="number of customers")
    p.add_argument("--days", type=_positive_int, help="simulated days in this load")
    p.add_argument("--start-date", help="first simulated day, YYYY-MM-DD")
    p.add_argument("--seed", type=_seed, help="random seed; the same seed gives the same data")
    p.add_argument(
        "--db",
        type=Path,
        default=None,
        help="warehouse file (default: $BANK_DUCKDB_PATH or warehouse/bank.duckdb)",
    )
    p.add_argument(
        "--loaded-at",
        help="pin the _loaded_at audit stamp (YYYY-MM-DDTHH:MM:SS, Vietnam local "
        "time) for byte-identical reruns; also read from $SOURCE_DATE_EPOCH",
    )
    p.add_argument("--list-scenarios", action="store_true", help="list built-in scenarios")
    p.add_argument("--validate-scenario", metavar="FILE", help="validate a scenario file and exit")
    p.add_argument("--quiet", action="store_true", help="print nothing but errors")
    return p


def _loaded_at(args: argparse.Namespace) -> dt.datetime:
    if args.loaded_at:
        try:
            return dt.datetime.fromisoformat(args.loaded_at).replace(microsecond=0)
        except ValueError:
            raise ScenarioError(
                f"invalid --loaded-at {args.loaded_at!r} (allowed: YYYY-MM-DDTHH:MM:SS)"
            ) from None
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        if not epoch.isdigit():
            raise ScenarioError(f"invalid SOURCE_DATE_EPOCH {epoch!r} (allowed: seconds)")
        utc = dt.datetime.fromtimestamp(int(epoch), dt.UTC)
        return (utc + dt.timedelta(hours=7)).replace(tzinfo=None)
    return warehouse.now_local()


def _progress(quiet: bool):
    def report(stage: str, done: int, total: int) -> None:
        if quiet or (done < total and not sys.stderr.isatty()):
            return
        width = 30
        filled = width * done // total
        bar = "#" * filled + "-" * (width - filled)
        end = "\n" if done == total else "\r"
        print(f"  {stage:<14} [{bar}] {done}/{total}", end=end, file=sys.stderr, flush=True)

    return report


def run(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.list_scenarios:
        for name, path in sorted(builtin_scenarios().items()):
            s = load_scenario(path)
            print(f"{name:<16} {s.description}")
        return 0
    if args.validate_scenario:
        s = load_scenario(Path(args.validate_scenario))
        print(f"{args.validate_scenario}: valid scenario {s.name!r}")
        return 0

    scenario = load_scenario(args.scenario).with_overrides(
        **{
            "seed": args.seed,
            "days": args.days,
            "population.customers": args.customers,
            "start_date": parse_date(args.start_date, "--start-date") if args.start_date else None,
        }
    )
    loaded_at = _loaded_at(args)
    path = args.db or warehouse.default_path()
    warehouse.check_writable(path)

    started = time.perf_counter()
    if not args.quiet:
        print(
            f"bank-seed: scenario {scenario.name!r}, seed {scenario.seed}, "
            f"{scenario.population.customers:,} customers, {scenario.days} days from "
            f"{scenario.start_date} -> {path}",
            file=sys.stderr,
        )
    tables = simulate(scenario, batch_id=1, loaded_at=loaded_at, progress=_progress(args.quiet))
    warehouse.land(
        path,
        tables,
        {
            "batch_id": 1,
            "loaded_at": loaded_at,
            "scenario": scenario.name,
            "seed": scenario.seed,
            "start_date": scenario.start_date,
            "days": scenario.days,
            "customers": scenario.population.customers,
            "transactions": tables["payment_transactions"].num_rows,
            "command": " ".join(["bank-seed", *(argv if argv is not None else sys.argv[1:])]),
        },
    )
    elapsed = time.perf_counter() - started
    if not args.quiet:
        _summary(tables, elapsed)
    return 0


def _summary(tables, elapsed: float) -> None:
    print(f"\n{'table':<24}{'rows':>12}")
    print("-" * 36)
    for name, table in tables.items():
        print(f"{name:<24}{table.num_rows:>12,}")
    n_tx = tables["payment_transactions"].num_rows
    print("-" * 36)
    print(f"{'elapsed':<24}{elapsed:>11.2f}s")
    print(f"{'transactions / s':<24}{n_tx / max(elapsed, 1e-9):>12,.0f}")


def main(argv: list[str] | None = None) -> None:
    try:
        code = run(argv)
    except (ScenarioError, warehouse.WarehouseError) as exc:
        print(f"bank-seed: error: {exc}", file=sys.stderr)
        code = EXIT_BAD_INPUT
    except KeyboardInterrupt:
        print("bank-seed: interrupted; the warehouse is unchanged", file=sys.stderr)
        code = 130
    sys.exit(code)
