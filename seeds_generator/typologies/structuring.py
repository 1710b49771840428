"""Structuring: several transfers in 24 h, each just under a threshold.

Just under the I.3 biometric trigger (90-99.9 % of it) or the large-value
report (95-99.975 %), both from seeds_generator/regulation.py; a share lands
just above, as real structurers misjudge, so a rule's boundary is tested
from both sides.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from seeds_generator import regulation as reg
from seeds_generator.typologies.base import HOUR, SECOND, Context, T, repeat_cases, spread_counts

NAME = "structuring"
MEAN_TRANSACTIONS = 5.5


@dataclass(frozen=True)
class Params:
    min_transfers: int = 3
    max_transfers: int = 8
    window_hours: float = 24
    large_value_share: float = 0.25
    above_threshold_share: float = 0.08


def plan(ctx: Context, n_cases: int, p: Params):
    rng = ctx.rng
    who = ctx.customers(n_cases, min_age_days=14)
    n = who.size
    cases = ctx.case_ids(n)
    start = ctx.start_times(n, night_share=0.1)
    count = spread_counts(rng, p.min_transfers, p.max_transfers, n)
    large = rng.random(n) < p.large_value_share
    case, _ = repeat_cases(count)
    m = case.size
    threshold = np.where(large[case], reg.LARGE_VALUE_REPORT, reg.I3_B_MAX_AMOUNT)
    under = np.where(large[case], rng.uniform(0.95, 0.99975, m), rng.uniform(0.9, 0.999, m))
    over = rng.uniform(1.0, 1.03, m)
    ratio = np.where(rng.random(m) < p.above_threshold_share, over, under)
    owner = who[case]
    internal_share = rng.random(m) < 0.4
    base = ctx.state.counters.opening_accounts
    internal = np.where(internal_share, rng.integers(0, base, m), -1)
    external = np.where(internal_share, -1, ctx.new_payees(owner))
    offset = rng.random(m) * p.window_hours * rng.uniform(0.6, 1.15, m) * HOUR
    return ctx.transactions(
        name=NAME,
        case=cases[case],
        role="originator",
        owner=owner,
        from_account=ctx.main_account(who)[case],
        tx_type=np.where(
            internal_share, T["transfer_same_bank_diff_owner"], T["transfer_interbank_domestic"]
        ),
        amount=np.floor(threshold * ratio / 1_000) * 1_000,
        ts=start[case] + offset.astype(np.int64) * SECOND,
        to_internal=internal,
        to_external=external,
    )
