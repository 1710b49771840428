"""What every typology module uses: a day context and a transaction builder.

A typology module defines ``NAME``, a frozen ``Params`` dataclass (the one
place of its injection defaults, drawn with spread around the thresholds a
rule would use; docs/typologies.md), ``MEAN_TRANSACTIONS`` (per case, to turn the scenario's
illicit rate into a number of cases) and ``plan(ctx, n_cases, params)``,
which returns transaction columns, labelled, possibly reaching into later
days (the simulator queues those).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any

import numpy as np

from seeds_generator import codes
from seeds_generator.behaviour.transactions import (
    empty_like_tx,
    external_pools,
    payee_slot,
)
from seeds_generator.config import (
    TYPOLOGIES,
    Scenario,
    ScenarioError,
    is_finite,
    is_number,
    whole_number,
    yaml_read,
)
from seeds_generator.entities import lifecycle
from seeds_generator.entities.population import SECOND, Columns
from seeds_generator.landing import ROLE
from seeds_generator.state import BankState

T = codes.TYPE
HOUR = 3_600
DAY_S = 86_400


def params_from(cls: type, name: str, overrides: dict[str, Any]) -> Any:
    """A typology's parameters with the scenario's overrides, validated.

    Called by ``config.validate`` for every scenario, so ``--validate-scenario``
    refuses exactly what a run refuses. A parameter takes a finite,
    non-negative number (a whole one where its default is an integer: YAML's
    ``1e3`` is taken as 1000).
    """
    known = {f.name: f for f in dataclasses.fields(cls)}
    values: dict[str, Any] = {}
    for key, value in overrides.items():
        field_name = f"fraud.params.{name}.{key}"
        if key not in known:
            raise ScenarioError(
                f"invalid value for '{field_name}': {key!r} (allowed: one of {', '.join(known)})"
            )
        default = known[key].default
        integer = isinstance(default, int) and not isinstance(default, bool)
        kind = "a whole number" if integer else "a number"
        value = whole_number(value) if integer else value
        if not is_number(value) or not is_finite(value):
            raise ScenarioError(
                f"invalid value for '{field_name}': {value!r} (allowed: {kind} like "
                f"{default!r}); {yaml_read(value)}"
            )
        if integer and not isinstance(value, int):
            raise ScenarioError(
                f"invalid value for '{field_name}': {value!r} (allowed: {kind} like {default!r})"
            )
        if value < 0:
            raise ScenarioError(
                f"invalid value for '{field_name}': {value!r} (allowed: a non-negative number)"
            )
        values[key] = value
    return cls(**{**{k: f.default for k, f in known.items()}, **values})


@dataclass
class Context:
    s: Scenario
    state: BankState
    day: int
    day_start: np.datetime64
    rng: np.random.Generator

    # -- who ---------------------------------------------------------------

    def customers(
        self, n: int, *, organizations: bool = False, min_age_days: int = 0
    ) -> np.ndarray:
        """Row indexes of ``n`` distinct active customers (fewer if not enough)."""
        c = self.state.customers
        kind = "organization" if organizations else "individual"
        cutoff = self.day_start - min_age_days * DAY_S * SECOND
        ok = np.flatnonzero(
            (c["status"] == "active")
            & (c["customer_type"] == kind)
            & (c["registration_date"] <= cutoff)
        )
        if ok.size == 0 or n == 0:
            return np.zeros(0, dtype=np.int64)
        return self.rng.choice(ok, size=min(n, ok.size), replace=False)

    def main_account(self, cust: np.ndarray) -> np.ndarray:
        order, offsets = self.state.owned("bank_accounts")
        return order[offsets[cust]]

    def main_device(self, cust: np.ndarray) -> np.ndarray:
        order, offsets = self.state.owned("devices")
        has = offsets[cust + 1] > offsets[cust]
        return np.where(has, order[np.minimum(offsets[cust], order.size - 1)], -1)

    def new_device(self, cust: np.ndarray, first_seen: np.ndarray) -> np.ndarray:
        """A device the customer never used (an attacker's phone): untrusted."""
        rows = lifecycle.add_devices(self.rng, self.state, cust, first_seen)
        self.state.devices["is_trusted"][rows] = False
        return rows

    def young_accounts(self, n: int, first_use: np.ndarray, max_age_days: np.ndarray) -> np.ndarray:
        """Accounts opened shortly (up to ``max_age_days``) before ``first_use``.

        New accounts of ordinary customers, as a mule's would be; the owners are
        drawn like anyone else, so nothing about them gives the pattern away.
        """
        owners = self.customers(n, min_age_days=1)
        n = owners.size
        age = (self.rng.random(n) * max_age_days[:n] * DAY_S).astype(np.int64) + HOUR
        opened = np.maximum(
            first_use[:n] - age * SECOND,
            self.state.customers["registration_date"][owners] + HOUR * SECOND,
        )
        return lifecycle.add_accounts(self.rng, self.state, owners, opened)

    def new_payees(self, cust: np.ndarray, kind: str = "domestic") -> np.ndarray:
        """External accounts the customer has never paid (outside their regular slots)."""
        pool = external_pools(self.state)[kind]
        slot = 40 + self.rng.integers(0, 10_000, cust.size)
        return pool[payee_slot(cust, slot, pool.size, 31)]

    def balance(self, account: np.ndarray) -> np.ndarray:
        return self.state.accounts["balance"][account]

    # -- when --------------------------------------------------------------

    def start_times(self, n: int, night_share: float = 0.3) -> np.ndarray:
        """Case start times in the day (seconds since midnight), some at night."""
        night = self.rng.random(n) < night_share
        secs = np.where(
            night, self.rng.integers(0, 6 * HOUR, n), self.rng.integers(6 * HOUR, 24 * HOUR, n)
        )
        return self.day_start + secs * SECOND

    def case_ids(self, n: int) -> np.ndarray:
        return self.state.counters.take("case_id", n)

    # -- what --------------------------------------------------------------

    def transactions(
        self,
        *,
        name: str,
        case: np.ndarray,
        role: str | np.ndarray,
        owner: np.ndarray,
        from_account: np.ndarray,
        tx_type: np.ndarray | int,
        amount: np.ndarray,
        ts: np.ndarray,
        device: np.ndarray | None = None,
        to_internal: np.ndarray | None = None,
        to_external: np.ndarray | None = None,
        status: np.ndarray | None = None,
        channel: int | np.ndarray = codes.CHANNEL["mobile_app"],
    ) -> Columns:
        """Labelled transaction rows (row indexes in, ids out)."""
        st = self.state
        n = owner.size
        tx_type = np.broadcast_to(np.asarray(tx_type, dtype=np.int8), (n,)).copy()
        device = self.main_device(owner) if device is None else device
        internal = np.full(n, -1) if to_internal is None else to_internal
        external = np.full(n, -1) if to_external is None else to_external
        ext_ids = st.external_accounts["external_account_id"]
        ext_bank = st.external_accounts["bank_id"][np.maximum(external, 0)]
        country = np.array([codes.COUNTRY.get(b, 0) for b in _bank_countries()])[ext_bank - 1]
        choice = self.rng.random(n)
        desc = np.zeros(n, dtype=np.int16)
        for code in np.unique(tx_type):
            options = codes.DESCRIPTION_CHOICES[code]
            mask = tx_type == code
            desc[mask] = options[(choice[mask] * options.size).astype(np.int64)]
        mcc = self.rng.integers(0, len(codes.MCCS), n)
        roles = np.broadcast_to(
            np.asarray(ROLE[role] if isinstance(role, str) else role, dtype=np.int8), (n,)
        ).copy()
        out: Columns = {
            "customer_id": st.customers["customer_id"][owner],
            "from_account_id": st.accounts["account_id"][from_account],
            "to_account_internal_id": np.where(
                internal >= 0, st.accounts["account_id"][np.maximum(internal, 0)], -1
            ),
            "to_account_external_id": np.where(external >= 0, ext_ids[np.maximum(external, 0)], -1),
            "device_id": np.where(device >= 0, st.devices["device_id"][np.maximum(device, 0)], -1),
            "transaction_type": tx_type,
            "channel": np.broadcast_to(np.asarray(channel, dtype=np.int8), (n,)).copy(),
            "amount": np.round(np.asarray(amount, dtype=float) / 1_000) * 1_000,
            "currency": np.zeros(n, dtype=np.int8),
            "merchant_category": np.where(tx_type == T["payment_goods_services"], mcc, -1),
            "counterparty_country": np.where(
                tx_type == T["transfer_interbank_international"], country, -1
            ),
            "description": desc,
            "transaction_ts": ts.astype("datetime64[s]"),
            "status": np.full(n, codes.STATUS["completed"], dtype=np.int8)
            if status is None
            else status.astype(np.int8),
            **empty_like_tx(n),
        }
        out["amount"] = np.maximum(out["amount"], 1_000)
        out["_case_id"] = case.astype(np.int64)
        out["_typology"] = np.full(n, TYPOLOGIES.index(name), dtype=np.int8)
        out["_role"] = roles
        return out


def _bank_countries() -> list[str]:
    from seeds_generator.entities import vietnam as vn

    return [b[4] for b in vn.BANKS]


def spread_counts(
    rng: np.random.Generator, lo: int, hi: int, n: int, straddle: float = 0.15
) -> np.ndarray:
    """Counts mostly in [lo, hi], with ``straddle`` of them just outside."""
    base = rng.integers(lo, hi + 1, n)
    width = max(int(round((hi - lo) * 0.1)), 1)
    below = rng.integers(max(lo - width, 1), lo, n) if lo > 1 else base
    above = rng.integers(hi + 1, hi + width + 1, n)
    u = rng.random(n)
    return np.select([u < straddle / 2, u < straddle], [below, above], base)


def repeat_cases(counts: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(case row for each transaction, position of the transaction in its case)."""
    case = np.repeat(np.arange(counts.size), counts)
    first = np.repeat(np.cumsum(counts) - counts, counts)
    return case, np.arange(case.size) - first
