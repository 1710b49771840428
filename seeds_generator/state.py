"""The simulated bank's own, clean view of itself between days and loads.

``BankState`` holds every entity as the core system knows it (before any
data-quality defect is applied on the way to ``raw``), the next free ids,
the simulated days done and the transactions already planned for later days
(a layering chain started today finishes tomorrow). A load that continues a
warehouse (``--append-days``) restores it from schema ``meta``, so balances,
devices, payees and customer state carry over exactly.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from seeds_generator.entities.population import Columns

ENTITY_TABLES = ("customers", "bank_accounts", "devices")


@dataclass
class Counters:
    customer_id: int
    account_id: int
    device_id: int
    transaction_id: int
    auth_log_id: int
    login_id: int
    case_id: int
    # size of the opening account book: regular payees are drawn from it, so
    # accounts opened later never shift anyone's usual payees
    opening_accounts: int = 0

    def take(self, name: str, n: int) -> np.ndarray:
        """``n`` fresh ids of kind ``name``."""
        first = getattr(self, name)
        setattr(self, name, first + n)
        return np.arange(first, first + n, dtype=np.int64)


@dataclass
class BankState:
    banks: Columns
    methods: Columns
    customers: Columns
    accounts: Columns
    devices: Columns
    counterparties: Columns
    external_accounts: Columns
    counters: Counters
    # device of each customer's latest transaction (-1: none yet)
    last_device: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    days_done: int = 0
    # planned transactions not yet due (columns as the behaviour generators
    # produce them, with labels)
    pending: Columns = field(default_factory=dict)
    # entities created or changed in the current load: written to raw
    touched: dict[str, np.ndarray] = field(default_factory=dict)
    created: dict[str, np.ndarray] = field(default_factory=dict)
    # rows that carry a data-quality defect in raw: never rewritten
    defective: dict[str, np.ndarray] = field(default_factory=dict)
    _index_cache: dict = field(default_factory=dict, repr=False)
    _backing: dict = field(default_factory=dict, repr=False)

    # ------------------------------------------------------------------
    # growth and change

    def entity(self, table: str) -> Columns:
        return {
            "customers": self.customers,
            "bank_accounts": self.accounts,
            "devices": self.devices,
        }[table]

    def append(self, table: str, rows: Columns) -> None:
        """Add entity rows. Columns are views of backing arrays that grow
        geometrically, so adding a few rows a day costs no full copy."""
        cols = self.entity(table)
        n_new = len(next(iter(rows.values())))
        if n_new == 0:
            return
        backing = self._backing.setdefault(table, {})
        for name in cols:
            old = cols[name]
            n = old.size
            store = backing.get(name)
            if store is None or store.size < n + n_new or not np.shares_memory(store, old):
                store = np.empty(max(int((n + n_new) * 1.5), 16), dtype=old.dtype)
                store[:n] = old
                backing[name] = store
            store[n : n + n_new] = rows[name]
            cols[name] = store[: n + n_new]
        if table == "customers":
            self.last_device = np.concatenate([self.last_device, np.full(n_new, -1)])
        for flags, value in ((self.touched, True), (self.created, True), (self.defective, False)):
            flags[table] = np.concatenate(
                [flags.get(table, np.zeros(0, bool)), np.full(n_new, value)]
            )
        # flags stay small (bool); the entity columns are the big ones
        self._index_cache.clear()

    def mark_touched(self, table: str, idx: np.ndarray) -> None:
        self.touched[table][idx] = True

    def start_load(self, fresh: bool) -> None:
        for table in ENTITY_TABLES:
            n = len(self.entity(table)[_KEYS[table]])
            self.touched[table] = np.full(n, fresh)
            self.created[table] = np.full(n, fresh)
            self.defective.setdefault(table, np.zeros(n, dtype=bool))

    # ------------------------------------------------------------------
    # lookups (ids are dense and increasing, so an id maps to a row by arithmetic)

    def customer_idx(self, customer_id: np.ndarray) -> np.ndarray:
        return np.asarray(customer_id) - self.customers["customer_id"][0]

    def account_idx(self, account_id: np.ndarray) -> np.ndarray:
        return np.asarray(account_id) - self.accounts["account_id"][0]

    def device_idx(self, device_id: np.ndarray) -> np.ndarray:
        return np.asarray(device_id) - self.devices["device_id"][0]

    def owned(self, table: str) -> tuple[np.ndarray, np.ndarray]:
        """(order, offsets): rows of ``table`` grouped by owning customer.

        The rows of customer ``i`` are ``order[offsets[i]:offsets[i + 1]]``,
        oldest first (the first is the customer's main account / device).
        """
        key = ("owned", table)
        if key not in self._index_cache:
            cols = self.entity(table)
            owner = self.customer_idx(cols["customer_id"])
            order = np.argsort(owner, kind="stable")
            counts = np.bincount(owner, minlength=self.customers["customer_id"].size)
            offsets = np.concatenate([[0], np.cumsum(counts)]).astype(np.int64)
            self._index_cache[key] = (order, offsets)
        return self._index_cache[key]


_KEYS = {"customers": "customer_id", "bank_accounts": "account_id", "devices": "device_id"}
