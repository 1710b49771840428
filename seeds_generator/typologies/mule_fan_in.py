"""Smurfing / mule fan-in: many distinct senders pay one young account.

5-20 customers send money within 7 days into an account opened less than
30 days before; counts, windows and account ages straddle those limits.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from seeds_generator.typologies.base import DAY_S, SECOND, Context, T, repeat_cases, spread_counts

NAME = "mule_fan_in"
MEAN_TRANSACTIONS = 13.0


@dataclass(frozen=True)
class Params:
    min_senders: int = 5
    max_senders: int = 20
    window_days: float = 7
    max_account_age_days: float = 30
    min_amount: float = 2_000_000
    max_amount: float = 45_000_000


def plan(ctx: Context, n_cases: int, p: Params):
    rng = ctx.rng
    first = ctx.start_times(n_cases, night_share=0.15)
    age = rng.uniform(0.3, 1.25, n_cases) * p.max_account_age_days
    mule = ctx.young_accounts(n_cases, first, age)
    n = mule.size
    cases = ctx.case_ids(n)
    count = spread_counts(ctx.rng, p.min_senders, p.max_senders, n)
    case, _ = repeat_cases(count)
    senders = ctx.customers(case.size, min_age_days=14)
    case = case[: senders.size]
    m = case.size
    window = rng.uniform(0.3, 1.3, n) * p.window_days * DAY_S
    offset = np.where(
        np.arange(m) == np.searchsorted(case, case),
        0,
        (rng.random(m) * window[case]).astype(np.int64),
    )
    amount = np.exp(rng.uniform(np.log(p.min_amount), np.log(p.max_amount), m))
    return ctx.transactions(
        name=NAME,
        case=cases[case],
        role="originator",
        owner=senders,
        from_account=ctx.main_account(senders),
        tx_type=T["transfer_same_bank_diff_owner"],
        amount=amount,
        ts=first[case] + offset * SECOND,
        to_internal=mule[case],
    )
