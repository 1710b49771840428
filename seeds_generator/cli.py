"""``bank-seed``: argument parsing, progress and exit codes, nothing else.

Exit codes: 0 success, 2 bad input or an unusable warehouse (nothing
written), 1 a full disk or an unexpected failure (nothing written either:
loads are atomic), 75 another writer (a load, a dbt build, a publish) held
the warehouse's writer lock for longer than BANK_LOCK_TIMEOUT seconds
(bank_ops.lock; nothing written).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import time
from pathlib import Path

from bank_ops.lock import EXIT_BUSY, LockBusy, LockError, WriterLock
from seeds_generator import warehouse
from seeds_generator.config import (
    Scenario,
    ScenarioError,
    builtin_scenarios,
    load_scenario,
    parse_date,
)
from seeds_generator.simulate import LoadStats, run_load

EXIT_BAD_INPUT = 2
DEFAULT_SCENARIO = "normal_day"


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
        default=None,
        help="built-in scenario name or path to a YAML file (default: normal_day)",
    )
    p.add_argument("--customers", type=_positive_int, help="number of customers")
    p.add_argument("--days", type=_positive_int, help="simulated days in this load")
    p.add_argument(
        "--append-days",
        type=_positive_int,
        metavar="K",
        help="continue an existing warehouse for K more days (balances, devices, "
        "payees and customer state carry over; a new _batch_id)",
    )
    p.add_argument(
        "--force",
        action="store_true",
        help="with --append-days: allow a seed or scenario other than the warehouse's",
    )
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
        "time) for byte-identical reruns; also read from $SOURCE_DATE_EPOCH. An append's "
        "stamp may not be earlier than the warehouse's latest load",
    )
    p.add_argument("--list-scenarios", action="store_true", help="list built-in scenarios")
    p.add_argument(
        "--validate-scenario",
        metavar="FILE",
        help="validate a scenario file exactly as a run would (typology parameters "
        "included) and exit",
    )
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

    path = args.db or warehouse.default_path()
    command = " ".join(["bank-seed", *(argv if argv is not None else sys.argv[1:])])
    # the only writer from reading the warehouse's history to the swap: a
    # second load or a dbt build waits (bank_ops.lock), never interleaves
    with WriterLock(path, command):
        return _load(args, path, command)


def _load(args, path: Path, command: str) -> int:
    previous = warehouse.check_writable(path)
    if args.append_days:
        scenario, source, last = _continuation(args, previous, path)
        fresh, days, batch_id = False, args.append_days, int(last["batch_id"]) + 1
    else:
        if args.force:
            raise ScenarioError("--force only applies with --append-days")
        source = args.scenario or DEFAULT_SCENARIO
        if source not in builtin_scenarios() and Path(source).is_file():
            source = str(Path(source).resolve())  # reloadable by a later append
        scenario = load_scenario(source).with_overrides(
            **{
                "seed": args.seed,
                "days": args.days,
                "population.customers": args.customers,
                "start_date": parse_date(args.start_date, "--start-date")
                if args.start_date
                else None,
            }
        )
        last, fresh, days, batch_id = None, True, scenario.days, 1
    # the typology parameters were validated with the rest of the scenario
    # (config.validate), as --validate-scenario does
    loaded_at = _loaded_at(args)
    if not fresh:
        _check_stamp_grows(args, loaded_at, previous)
    first_day = 0 if fresh else int(last["days_done"])
    period_end = dt.datetime.combine(scenario.start_date, dt.time()) + dt.timedelta(
        days=first_day + days
    )
    if period_end > loaded_at:
        raise ScenarioError(
            f"the simulated period would end at {period_end:%Y-%m-%d %H:%M}, after the load "
            f"time {loaded_at:%Y-%m-%d %H:%M} (Vietnam time): a feed cannot hold the future; "
            f"use an earlier --start-date or fewer days"
        )

    started = time.perf_counter()
    if not args.quiet:
        what = f"appending {days} days" if not fresh else f"{days} days from {scenario.start_date}"
        print(
            f"bank-seed: scenario {scenario.name!r}, seed {scenario.seed}, "
            f"{scenario.population.customers:,} customers, {what} -> {path}",
            file=sys.stderr,
        )
    stats = run_load(
        scenario,
        path,
        fresh=fresh,
        days=days,
        batch_id=batch_id,
        loaded_at=loaded_at,
        previous=last,
        progress=_progress(args.quiet),
        command=command,
        source=str(source),
    )
    if not args.quiet:
        if stats.dropped:
            kept = f"; kept {', '.join(stats.kept)}" if stats.kept else ""
            dropped = ", ".join(stats.dropped)
            print(
                f"bank-seed: fresh load: dropped schemas {dropped} (derived from the old "
                f"rows; the next dbt build rebuilds them){kept}",
                file=sys.stderr,
            )
        _summary(stats, time.perf_counter() - started, batch_id)
    return 0


def _check_stamp_grows(args, loaded_at: dt.datetime, previous: list[dict]) -> None:
    """Refuse an append stamped before the warehouse's latest load.

    The incremental models pick new rows by ``_loaded_at`` and ``_batch_id``
    and take both as growing, so an earlier stamp could be skipped or
    mis-ordered. The same stamp is allowed (reruns pinned by --loaded-at or
    SOURCE_DATE_EPOCH). Only appends are checked: a fresh load replaces the
    bank, restarts batches at 1 and drops everything dbt derived from the
    old rows (incremental state included), so no earlier stamp is left to
    compare with.
    """
    latest = max(
        (row for row in previous if row["loaded_at"] is not None),
        key=lambda row: row["loaded_at"],
        default=None,
    )
    if latest is None or loaded_at >= latest["loaded_at"]:
        return
    if args.loaded_at:
        given = f"--loaded-at {loaded_at:%Y-%m-%dT%H:%M:%S}"
    elif os.environ.get("SOURCE_DATE_EPOCH"):
        given = f"the load stamp {loaded_at:%Y-%m-%dT%H:%M:%S} from SOURCE_DATE_EPOCH"
    else:
        given = f"the load time now, {loaded_at:%Y-%m-%dT%H:%M:%S},"
    raise ScenarioError(
        f"{given} is earlier than the warehouse's latest load, "
        f"{latest['loaded_at']:%Y-%m-%dT%H:%M:%S} (batch {latest['batch_id']}; Vietnam "
        f"time): load stamps must not go back, the incremental models rely on it; use "
        f"a stamp at or after it"
    )


def _continuation(args, previous: list[dict], path: Path) -> tuple[Scenario, str, dict]:
    """The scenario a warehouse continues with; a different one needs --force."""
    if not previous:
        raise ScenarioError(
            f"--append-days needs a warehouse with an earlier load; {str(path)!r} has "
            f"none (run without --append-days first)"
        )
    if args.days is not None or args.start_date is not None or args.customers is not None:
        raise ScenarioError(
            "--days, --start-date and --customers are fixed by the warehouse's first load; "
            "use --append-days K alone"
        )
    first, last = previous[0], previous[-1]
    source = args.scenario or first["scenario_source"]
    try:
        scenario = load_scenario(source)
    except ScenarioError as exc:
        raise ScenarioError(
            f"cannot reload the warehouse's scenario {source!r} ({exc}); pass --scenario"
        ) from None
    problems = []
    if args.seed is not None and args.seed != first["seed"]:
        problems.append(f"seed {args.seed} (warehouse: {first['seed']})")
    if scenario.name != first["scenario"]:
        problems.append(f"scenario {scenario.name!r} (warehouse: {first['scenario']!r})")
    if problems and not args.force:
        raise ScenarioError(
            f"refusing to append with {' and '.join(problems)}: the continuation would not "
            f"be the same simulation; pass --force to do it anyway"
        )
    scenario = scenario.with_overrides(
        **{
            "seed": args.seed if args.seed is not None else first["seed"],
            "start_date": first["start_date"],
            "population.customers": first["customers"],
        }
    )
    return scenario, source, last


def _summary(stats: LoadStats, elapsed: float, batch_id: int) -> None:
    width = 44
    print(f"\nload {batch_id}: {'table':<30}{'rows':>12}")
    print("-" * (width + 8))
    for name, rows in stats.rows.items():
        print(f"        {name:<30}{rows:>12,}")
    if stats.cases:
        print(f"\n        {'fraud typology':<30}{'cases':>12}")
        for name, count in sorted(stats.cases.items()):
            print(f"        {name:<30}{count:>12,}")
    if stats.defects:
        print(f"\n        {'defect type':<30}{'rows':>12}")
        for name, count in sorted(stats.defects.items()):
            print(f"        {name:<30}{count:>12,}")
    n_tx = stats.rows["payment_transactions"]
    print("-" * (width + 8))
    print(f"        {'elapsed':<30}{elapsed:>11.2f}s")
    print(f"        {'transactions / s':<30}{n_tx / max(elapsed, 1e-9):>12,.0f}")


def main(argv: list[str] | None = None) -> None:
    try:
        code = run(argv)
    except LockBusy as exc:
        print(f"bank-seed: {exc}", file=sys.stderr)
        code = EXIT_BUSY
    except (ScenarioError, warehouse.WarehouseError, LockError) as exc:
        print(f"bank-seed: error: {exc}", file=sys.stderr)
        code = EXIT_BAD_INPUT
    except warehouse.DiskFullError as exc:  # not bad input, but no traceback either
        print(f"bank-seed: error: {exc}", file=sys.stderr)
        code = 1
    except KeyboardInterrupt:
        print("bank-seed: interrupted; the warehouse is unchanged", file=sys.stderr)
        code = 130
    sys.exit(code)
