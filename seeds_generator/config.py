"""Scenario model: every knob of the simulation, its default and its range.

A scenario is a YAML file of the same shape as ``Scenario`` (nested mappings
for the nested sections). Anything not given takes the default written here,
the one place defaults live. ``load_scenario`` validates everything before
the generator runs and raises ``ScenarioError`` naming the field, the bad
value and the allowed range; that includes the typology parameters under
``fraud.params``, so a file ``--validate-scenario`` accepts is one a run
accepts.

Scenario files are read the YAML 1.2 way for numbers (``1e11`` is a number,
``010`` is ten), not the YAML 1.1 way of PyYAML (digit groups such as
``1_000_000`` are still read), dates stay text, and a key given twice in a
mapping is an error rather than silently overwritten. A value of the wrong
type is refused saying what YAML read ("YAML read 'abc' as a string").
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
import re
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from seeds_generator.contract import CHANNELS, TRANSACTION_TYPES

SCENARIO_PACKAGE = "seeds_generator.scenarios"


class ScenarioError(ValueError):
    """A scenario or command-line value is invalid (exit code 2)."""


def _uniform(keys: tuple[str, ...]) -> dict[str, float]:
    return {k: 1.0 for k in keys}


@dataclass(frozen=True)
class AmountDistribution:
    """Lognormal amount in VND: ``median`` and ``sigma`` of log(amount)."""

    median: float
    sigma: float


def _default_amounts() -> dict[str, AmountDistribution]:
    return {
        "inquiry": AmountDistribution(0, 0),
        "transfer_same_bank_same_owner": AmountDistribution(3_000_000, 1.2),
        "transfer_same_bank_diff_owner": AmountDistribution(1_500_000, 1.3),
        "transfer_interbank_domestic": AmountDistribution(2_000_000, 1.3),
        "transfer_interbank_international": AmountDistribution(40_000_000, 1.1),
        "payment_goods_services": AmountDistribution(180_000, 1.2),
        "ewallet_topup": AmountDistribution(500_000, 0.9),
        "ewallet_withdrawal": AmountDistribution(700_000, 1.0),
        "ewallet_transfer": AmountDistribution(250_000, 1.1),
    }


@dataclass(frozen=True)
class Activity:
    """How often and when customers transact."""

    # mean transactions per active customer per day
    transactions_per_individual_day: float = 2.5
    transactions_per_organization_day: float = 8.0
    # Pareto shape of per-customer activity (smaller: a few very active)
    activity_pareto_shape: float = 1.6
    # relative weight of each local hour 0..23 (lunch and evening peaks)
    hourly_profile: tuple[float, ...] = (
        0.3,
        0.15,
        0.1,
        0.1,
        0.15,
        0.4,
        1.2,
        2.4,
        3.4,
        3.6,
        3.6,
        4.6,
        5.4,
        4.4,
        3.4,
        3.3,
        3.4,
        3.9,
        4.6,
        5.6,
        6.1,
        5.0,
        3.0,
        1.2,
    )
    # relative weight of each weekday, Monday first (fewer on Sunday)
    weekday_profile: tuple[float, ...] = (1.0, 1.0, 1.0, 1.0, 1.15, 1.05, 0.75)
    type_mix_individual: dict[str, float] = field(
        default_factory=lambda: {
            "inquiry": 6,
            "transfer_same_bank_same_owner": 3,
            "transfer_same_bank_diff_owner": 14,
            "transfer_interbank_domestic": 18,
            "transfer_interbank_international": 0.4,
            "payment_goods_services": 40,
            "ewallet_topup": 8,
            "ewallet_withdrawal": 3,
            "ewallet_transfer": 7.6,
        }
    )
    type_mix_organization: dict[str, float] = field(
        default_factory=lambda: {
            "inquiry": 8,
            "transfer_same_bank_same_owner": 6,
            "transfer_same_bank_diff_owner": 25,
            "transfer_interbank_domestic": 40,
            "transfer_interbank_international": 4,
            "payment_goods_services": 12,
            "ewallet_topup": 2,
            "ewallet_withdrawal": 1,
            "ewallet_transfer": 2,
        }
    )
    channel_mix: dict[str, float] = field(
        default_factory=lambda: {
            "mobile_app": 70,
            "internet_banking": 18,
            "atm": 5,
            "pos": 7,
        }
    )
    amounts: dict[str, AmountDistribution] = field(default_factory=_default_amounts)
    # organisations move larger sums: their median is this many times higher
    organization_amount_factor: float = 12.0
    # special days, e.g. {"2026-11-27": 4.0} for a Black-Friday-like peak
    day_multipliers: dict[str, float] = field(default_factory=dict)
    # share of amounts snapped to a round number (100k, 500k, 1M ...)
    round_amount_share: float = 0.35
    status_mix: dict[str, float] = field(
        default_factory=lambda: {
            "completed": 95.5,
            "failed": 2.5,
            "pending": 1.0,
            "cancelled": 1.0,
        }
    )


@dataclass(frozen=True)
class Authentication:
    """How customers confirm transactions."""

    # share of transactions confirmed with a weaker method than required
    weak_auth_share: float = 0.02
    # share of transactions whose first attempt fails before a retry
    failed_attempt_share: float = 0.04
    # share of logins that fail
    login_failure_share: float = 0.03
    # share of transactions preceded by a login event in the same session
    login_per_transaction: float = 0.4
    # share of transactions confirmed with a stronger method than asked for
    stronger_auth_share: float = 0.08
    # logins without a transaction, per active customer per day
    idle_logins_per_day: float = 0.3


@dataclass(frozen=True)
class Lifecycle:
    """How the customer base changes from day to day (a core system's updates)."""

    # new customers per day, as a share of the opening population
    onboarding_per_day: float = 0.0005
    # customers registering a new device per day (device churn), share of customers
    new_device_per_day: float = 0.002
    # customers opening another account per day, share of customers
    new_account_per_day: float = 0.0005
    # customers, accounts and devices changing status or trust per day, share
    status_change_per_day: float = 0.001


TYPOLOGIES: tuple[str, ...] = (
    "card_testing",
    "velocity_attack",
    "account_takeover",
    "structuring",
    "mule_fan_in",
    "mule_fan_out",
    "layering_chain",
    "cycle",
    "synthetic_identity_bust_out",
    "lone_fraud",
)

DEFECT_TYPES: tuple[str, ...] = (
    "duplicate_key",
    "null_required",
    "bad_phone_format",
    "bad_national_id",
    "bad_tax_code",
    "negative_amount",
    "zero_amount",
    "orphan_account",
    "orphan_device",
    "future_timestamp",
    "unknown_enum",
    "currency_mismatch",
)


@dataclass(frozen=True)
class Fraud:
    """Injected fraud and laundering (see docs/typologies.md)."""

    # share of all transactions that belong to an injected pattern
    illicit_rate: float = 0.003
    # relative share of the illicit transactions per typology
    weights: dict[str, float] = field(default_factory=lambda: {t: 1.0 for t in TYPOLOGIES})
    # per-typology parameter overrides, e.g. {card_testing: {min_payments: 20}}
    params: dict[str, dict[str, Any]] = field(default_factory=dict)
    # legitimate behaviour that looks like fraud, per 10,000 customers per day
    lookalike_bursts: float = 4.0
    lookalike_rent_splits: float = 3.0
    # organisations paying salaries to many staff once a month
    salary_fan_outs: bool = True


@dataclass(frozen=True)
class Defects:
    """Data-quality defects the source system sends (opt-in; ground truth kept)."""

    # share of rows of each raw table that carry a defect (0: off; the
    # built-in scenarios turn it on at 0.1 % so the quarantine is exercised)
    rate: float = 0.0
    mix: dict[str, float] = field(default_factory=lambda: {d: 1.0 for d in DEFECT_TYPES})


@dataclass(frozen=True)
class Feedback:
    """What comes back to the bank: investigators' dispositions of the worked
    cases it published, and its customers' own fraud complaints (two raw
    feeds, docs/raw-contract.md)."""

    # days from a case's worked day to the investigator's decision (inclusive)
    disposition_delay_min_days: int = 1
    disposition_delay_max_days: int = 5
    # probability that a decision is the wrong one (fraud called a false
    # positive, or the other way round)
    disposition_error_rate: float = 0.05
    # a case is fraud when its customer has a labelled transaction from this
    # many days before the case opened to the day it was worked
    lookback_days: int = 7
    # probability that a victim reports a fraud case themselves
    complaint_rate: float = 0.6
    # days from the victim's first fraudulent transaction to the complaint
    complaint_delay_min_days: int = 0
    complaint_delay_max_days: int = 10


@dataclass(frozen=True)
class Population:
    customers: int = 1000
    organization_share: float = 0.08
    max_accounts_individual: int = 3
    max_accounts_organization: int = 5
    max_devices_individual: int = 3
    max_devices_organization: int = 4
    # share of transactions on a device other than the customer's usual one
    device_switch_share: float = 0.06
    # years of customer history before the simulated period starts
    history_years: int = 5
    counterparties_per_customer: float = 0.6


@dataclass(frozen=True)
class Scenario:
    name: str = "normal_day"
    description: str = "An ordinary month of a mid-size Vietnamese digital bank."
    seed: int = 42
    start_date: dt.date = dt.date(2026, 10, 1)
    days: int = 30
    population: Population = field(default_factory=Population)
    activity: Activity = field(default_factory=Activity)
    authentication: Authentication = field(default_factory=Authentication)
    lifecycle: Lifecycle = field(default_factory=Lifecycle)
    fraud: Fraud = field(default_factory=Fraud)
    defects: Defects = field(default_factory=Defects)
    feedback: Feedback = field(default_factory=Feedback)

    def with_overrides(self, **changes: Any) -> Scenario:
        """A copy with top-level or ``section.field`` overrides, re-validated."""
        data = to_dict(self)
        for key, value in changes.items():
            if value is None:
                continue
            target = data
            *parents, leaf = key.split(".")
            for part in parents:
                target = target[part]
            target[leaf] = value
        return from_dict(data, source="command line")


# ---------------------------------------------------------------------------
# validation

# (minimum, maximum) inclusive, per dotted field name
_RANGES: dict[str, tuple[float, float]] = {
    "seed": (0, 2**32 - 1),
    "days": (1, 3650),
    "population.customers": (1, 5_000_000),
    "population.organization_share": (0.0, 1.0),
    "population.max_accounts_individual": (1, 10),
    "population.max_accounts_organization": (1, 20),
    "population.max_devices_individual": (1, 10),
    "population.max_devices_organization": (1, 20),
    "population.device_switch_share": (0.0, 1.0),
    "population.history_years": (0, 50),
    "population.counterparties_per_customer": (0.01, 20),
    "activity.transactions_per_individual_day": (0.0, 1000),
    "activity.transactions_per_organization_day": (0.0, 10_000),
    "activity.activity_pareto_shape": (1.05, 20),
    "activity.round_amount_share": (0.0, 1.0),
    "authentication.weak_auth_share": (0.0, 1.0),
    "authentication.failed_attempt_share": (0.0, 1.0),
    "authentication.login_failure_share": (0.0, 1.0),
    "authentication.login_per_transaction": (0.0, 1.0),
    "authentication.stronger_auth_share": (0.0, 1.0),
    "authentication.idle_logins_per_day": (0.0, 100),
    "activity.organization_amount_factor": (0.01, 10_000),
    "lifecycle.onboarding_per_day": (0.0, 1.0),
    "lifecycle.new_device_per_day": (0.0, 1.0),
    "lifecycle.new_account_per_day": (0.0, 1.0),
    "lifecycle.status_change_per_day": (0.0, 1.0),
    "fraud.illicit_rate": (0.0, 0.2),
    "fraud.lookalike_bursts": (0.0, 10_000),
    "fraud.lookalike_rent_splits": (0.0, 10_000),
    "defects.rate": (0.0, 0.2),
    "feedback.disposition_delay_min_days": (0, 365),
    "feedback.disposition_delay_max_days": (0, 365),
    "feedback.disposition_error_rate": (0.0, 1.0),
    "feedback.lookback_days": (0, 365),
    "feedback.complaint_rate": (0.0, 1.0),
    "feedback.complaint_delay_min_days": (0, 365),
    "feedback.complaint_delay_max_days": (0, 365),
}
# (minimum, maximum) pairs of the same section: the maximum may not be smaller
_ORDERED: tuple[tuple[str, str], ...] = (
    ("feedback.disposition_delay_min_days", "feedback.disposition_delay_max_days"),
    ("feedback.complaint_delay_min_days", "feedback.complaint_delay_max_days"),
)
_MIX_KEYS: dict[str, tuple[str, ...]] = {
    "activity.type_mix_individual": TRANSACTION_TYPES,
    "activity.type_mix_organization": TRANSACTION_TYPES,
    "activity.channel_mix": CHANNELS,
    "activity.status_mix": ("completed", "failed", "pending", "cancelled"),
    "fraud.weights": TYPOLOGIES,
    "defects.mix": DEFECT_TYPES,
}
_SECTIONS: dict[str, type] = {}  # filled below, once the classes exist
# Weights (mixes, profiles) are relative, so any bound is arbitrary; this one
# refuses inf and nan and keeps every sum finite (24 x 1e308 overflows to inf,
# which would normalise every hour to zero).
_MAX_WEIGHT = 1e9


def _fail(name: str, value: Any, allowed: str, note: str = "") -> None:
    note = f"; {note}" if note else ""
    raise ScenarioError(f"invalid value for '{name}': {value!r} (allowed: {allowed}){note}")


def yaml_read(value: Any) -> str:
    """What YAML made of a value, for a message: "YAML read 'abc' as a string"."""
    if value is None:
        return "YAML read an empty value (null)"
    kinds = {bool: "a boolean", int: "an integer", float: "a number", str: "a string"}
    kinds |= {list: "a list", dict: "a mapping"}
    return f"YAML read {value!r} as {kinds.get(type(value), type(value).__name__)}"


def is_number(value: Any) -> bool:
    """An int or a float, not a bool (which Python counts as an int)."""
    return isinstance(value, int | float) and not isinstance(value, bool)


def is_finite(value: int | float) -> bool:
    """Not inf or nan, and not an int too large for a float (1e400 written out)."""
    try:
        return math.isfinite(value)
    except OverflowError:
        return False


def whole_number(value: Any) -> Any:
    """``value`` as an int if it is a float without a fraction, else unchanged.

    YAML reads ``1e6`` as a float; an integer field takes it as 1000000. Past
    2**53 a float is no longer an exact integer: left as is, its range refuses it.
    """
    if isinstance(value, float) and value.is_integer() and abs(value) <= 2**53:
        return int(value)
    return value


def _check_number(name: str, value: Any, lo: float, hi: float, integer: bool) -> None:
    kind = "an integer" if integer else "a number"
    if not is_number(value):
        _fail(name, value, f"{kind} from {lo:g} to {hi:g}", yaml_read(value))
    if integer and not isinstance(value, int):
        _fail(name, value, f"{kind} from {lo:g} to {hi:g}")
    if not lo <= value <= hi:
        _fail(name, value, f"{kind} from {lo:g} to {hi:g}")


def _check_mix(name: str, mix: Any, keys: tuple[str, ...]) -> None:
    if not isinstance(mix, dict):
        _fail(name, mix, f"a mapping of {', '.join(keys)} to weights")
    for key, weight in mix.items():
        if key not in keys:
            _fail(f"{name}.{key}", key, f"one of {', '.join(keys)}")
        _check_number(f"{name}.{key}", weight, 0, _MAX_WEIGHT, integer=False)
    if sum(mix.values()) <= 0:
        _fail(name, mix, "weights with a positive sum")


def validate(s: Scenario) -> Scenario:
    for dotted in ("name", "description"):
        value = getattr(s, dotted)
        if not isinstance(value, str):
            _fail(dotted, value, 'text (quote it: name: "2026")', yaml_read(value))
    if not s.name.strip():
        _fail("name", s.name, "a non-empty text")
    flat = to_dict(s)
    for dotted, (lo, hi) in _RANGES.items():
        section, _, leaf = dotted.rpartition(".")
        value = flat[section][leaf] if section else flat[leaf]
        default = _get(Scenario(), dotted)
        _check_number(dotted, value, lo, hi, integer=isinstance(default, int))
    for low, high in _ORDERED:
        lowest, value = _get(s, low), _get(s, high)
        if value < lowest:
            _fail(
                high,
                value,
                f"an integer from {lowest} (the value of '{low}') to {_RANGES[high][1]:g}",
            )
    for dotted, keys in _MIX_KEYS.items():
        _check_mix(dotted, _get(s, dotted), keys)
    if not isinstance(s.start_date, dt.date) or isinstance(s.start_date, dt.datetime):
        _fail("start_date", s.start_date, "a date YYYY-MM-DD")
    if not 2000 <= s.start_date.year <= 2100:
        _fail("start_date", s.start_date.isoformat(), "a date from 2000-01-01 to 2100-12-31")
    for dotted, length in (("activity.hourly_profile", 24), ("activity.weekday_profile", 7)):
        profile = _get(s, dotted)
        allowed = f"{length} non-negative weights with a positive sum"
        if len(profile) != length:
            _fail(dotted, list(profile), allowed)
        for i, weight in enumerate(profile):
            _check_number(f"{dotted}[{i}]", weight, 0, _MAX_WEIGHT, integer=False)
        if sum(profile) <= 0:
            _fail(dotted, list(profile), allowed)
    for day, mult in s.activity.day_multipliers.items():
        parse_date(day, f"activity.day_multipliers.{day}")
        _check_number(f"activity.day_multipliers.{day}", mult, 0.0, 100.0, integer=False)
    for name, overrides in s.fraud.params.items():
        if name not in TYPOLOGIES:
            _fail(f"fraud.params.{name}", name, f"one of {', '.join(TYPOLOGIES)}")
        if not isinstance(overrides, dict):
            _fail(f"fraud.params.{name}", overrides, "a mapping of parameter to value")
    # Each typology module owns its parameters (names, types, ranges). Asking it
    # here, the one place every scenario passes, means a run, --validate-scenario
    # and an override all refuse the same values. Imported late: the typology
    # modules import this one.
    from seeds_generator.typologies import validate_params

    validate_params(s)
    if not isinstance(s.fraud.salary_fan_outs, bool):
        _fail("fraud.salary_fan_outs", s.fraud.salary_fan_outs, "true or false")
    for tx_type, dist in s.activity.amounts.items():
        name = f"activity.amounts.{tx_type}"
        if tx_type not in TRANSACTION_TYPES:
            _fail(name, tx_type, f"one of {', '.join(TRANSACTION_TYPES)}")
        # an inquiry moves nothing, but its numbers still go into an array
        lowest = 0 if tx_type == "inquiry" else 1_000
        _check_number(f"{name}.median", dist.median, lowest, 1e11, integer=False)
        _check_number(f"{name}.sigma", dist.sigma, 0.0, 4.0, integer=False)
    return s


_SECTIONS.update(
    population=Population,
    activity=Activity,
    authentication=Authentication,
    lifecycle=Lifecycle,
    fraud=Fraud,
    defects=Defects,
    feedback=Feedback,
)


def _get(obj: Any, dotted: str) -> Any:
    for part in dotted.split("."):
        obj = obj[part] if isinstance(obj, dict) else getattr(obj, part)
    return obj


# ---------------------------------------------------------------------------
# conversion


def to_dict(s: Scenario) -> dict[str, Any]:
    return dataclasses.asdict(s)


def _build(cls: type, data: Any, path: str) -> Any:
    if not isinstance(data, dict):
        _fail(path or "scenario", data, "a mapping")
    known = {f.name: f for f in dataclasses.fields(cls)}
    kwargs: dict[str, Any] = {}
    for key, value in data.items():
        name = f"{path}.{key}" if path else key
        if key not in known:
            _fail(name, key, f"one of {', '.join(known)}")
        if key in _SECTIONS and not path:
            kwargs[key] = _build(_SECTIONS[key], value, name)
        elif key == "amounts":
            kwargs[key] = _amounts(value, name)
        elif key == "start_date":
            kwargs[key] = parse_date(value, name)
        elif key in ("weights", "mix", "params", "day_multipliers") and value is None:
            kwargs[key] = {}
        elif key == "day_multipliers" and isinstance(value, dict):
            # YAML reads an unquoted 2026-11-27 as a date: normalise to text
            kwargs[key] = {parse_date(d, f"{name}.{d}").isoformat(): m for d, m in value.items()}
        elif key in ("hourly_profile", "weekday_profile"):
            if not isinstance(value, list | tuple):
                _fail(name, value, "a list of weights")
            kwargs[key] = tuple(value)
        elif type(known[key].default) is int:
            kwargs[key] = whole_number(value)  # 1e3 customers: YAML reads a float
        else:
            kwargs[key] = value
    return cls(**kwargs)


def _amounts(value: Any, path: str) -> dict[str, AmountDistribution]:
    if not isinstance(value, dict):
        _fail(path, value, "a mapping of transaction type to {median, sigma}")
    merged = _default_amounts()
    for tx_type, dist in value.items():
        if isinstance(dist, AmountDistribution):
            merged[tx_type] = dist
            continue
        if not isinstance(dist, dict) or set(dist) - {"median", "sigma"}:
            _fail(f"{path}.{tx_type}", dist, "a mapping with keys median and sigma")
        base = merged.get(tx_type, AmountDistribution(1_000_000, 1.0))
        merged[tx_type] = AmountDistribution(
            dist.get("median", base.median), dist.get("sigma", base.sigma)
        )
    return merged


def parse_date(value: Any, name: str = "start_date") -> dt.date:
    if isinstance(value, dt.datetime):
        _fail(name, str(value), "a date YYYY-MM-DD")
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        _fail(name, value, "a date YYYY-MM-DD")
    raise AssertionError("unreachable")


def from_dict(data: dict[str, Any], source: str = "scenario") -> Scenario:
    try:
        return validate(_build(Scenario, data, ""))
    except TypeError as exc:  # wrong shapes that slipped past _build
        raise ScenarioError(f"invalid {source}: {exc}") from exc


# ---------------------------------------------------------------------------
# files


class _DuplicateKey(yaml.YAMLError):
    """A mapping gives one key twice (YAML would silently keep the last)."""

    def __init__(self, key: Any, line: int) -> None:
        super().__init__(f"duplicate key {key!r} at line {line}")
        self.key, self.line = key, line


_INT = "tag:yaml.org,2002:int"
_FLOAT = "tag:yaml.org,2002:float"
# YAML 1.2 (core schema) numbers. PyYAML implements YAML 1.1, where 1e11 (no
# dot) is text and 010 is octal 8. Underscores between digits (1_000_000)
# are kept from YAML 1.1: scenarios may already use them.
_INT_RE = re.compile(r"^(?:[-+]?[0-9][0-9_]*|0o[0-7_]+|0x[0-9a-fA-F_]+)$")
_FLOAT_RE = re.compile(
    r"""^(?:[-+]?(?:[0-9][0-9_]*\.[0-9_]*|\.[0-9][0-9_]*)(?:[eE][-+]?[0-9]+)?
        |[-+]?[0-9][0-9_]*[eE][-+]?[0-9]+
        |[-+]?\.(?:inf|Inf|INF)
        |\.(?:nan|NaN|NAN))$""",
    re.X,
)


class _TextDatesLoader(yaml.SafeLoader):
    """SafeLoader for scenario files: dates stay text (our own parser names a
    bad one), numbers are read the YAML 1.2 way and a key given twice in one
    mapping is an error."""

    def construct_mapping(self, node: yaml.Node, deep: bool = False) -> dict:
        if isinstance(node, yaml.MappingNode):
            seen: set[Any] = set()
            for key_node, _ in node.value:
                if key_node.tag == "tag:yaml.org,2002:merge" or not isinstance(
                    key_node, yaml.ScalarNode
                ):
                    continue  # a merge (<<) may override; a complex key is refused anyway
                key = self.construct_object(key_node)
                if key in seen:
                    raise _DuplicateKey(key, key_node.start_mark.line + 1)
                seen.add(key)
        return super().construct_mapping(node, deep=deep)

    def construct_yaml_int(self, node: yaml.Node) -> int:
        text = str(self.construct_scalar(node)).replace("_", "")
        sign = -1 if text.startswith("-") else 1
        text = text.lstrip("+-")
        if text.startswith(("0o", "0x")):
            return sign * int(text[2:], 8 if text[1] == "o" else 16)
        return sign * int(text, 10)  # 010 is ten, not octal eight


_TextDatesLoader.yaml_implicit_resolvers = {
    key: [
        (tag, regexp)
        for tag, regexp in resolvers
        if tag not in ("tag:yaml.org,2002:timestamp", _INT, _FLOAT)
    ]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_TextDatesLoader.add_implicit_resolver(_INT, _INT_RE, list("-+0123456789"))
_TextDatesLoader.add_implicit_resolver(_FLOAT, _FLOAT_RE, list("-+0123456789."))
_TextDatesLoader.add_constructor(_INT, _TextDatesLoader.construct_yaml_int)


def builtin_scenarios() -> dict[str, Path]:
    folder = resources.files(SCENARIO_PACKAGE)
    return {
        Path(entry.name).stem: Path(str(entry))
        for entry in folder.iterdir()
        if entry.name.endswith(".yaml")
    }


def load_scenario(name_or_path: str | Path) -> Scenario:
    """A built-in scenario by name, or a YAML file by path, validated."""
    text = str(name_or_path)
    builtins = builtin_scenarios()
    if text in builtins:
        path = builtins[text]
    else:
        path = Path(text)
        if not path.is_file():
            raise ScenarioError(
                f"unknown scenario {text!r} (allowed: a file path or one of "
                f"{', '.join(sorted(builtins))})"
            )
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_TextDatesLoader)  # noqa: S506
    except _DuplicateKey as exc:
        raise ScenarioError(
            f"duplicate key {exc.key!r} at line {exc.line} of {path} (a key may be given "
            f"once per mapping; YAML would silently keep the last value)"
        ) from None
    except (yaml.YAMLError, ValueError) as exc:  # ValueError: an impossible date
        raise ScenarioError(f"malformed YAML in {path}: {exc}") from exc
    except OSError as exc:
        raise ScenarioError(f"cannot read scenario {path}: {exc}") from exc
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise ScenarioError(f"invalid scenario {path}: top level must be a mapping")
    data.setdefault("name", path.stem)
    return from_dict(data, source=str(path))
