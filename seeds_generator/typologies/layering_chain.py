"""Layering chain: money hops through 3-10 internal accounts within 72 h,
each hop passing on >= 90 % of what it received."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from seeds_generator.landing import ROLE
from seeds_generator.typologies.base import HOUR, SECOND, Context, T, repeat_cases, spread_counts

NAME = "layering_chain"
MEAN_TRANSACTIONS = 6.5


@dataclass(frozen=True)
class Params:
    min_hops: int = 3
    max_hops: int = 10
    window_hours: float = 72
    min_kept_share: float = 0.9
    min_amount: float = 50_000_000
    max_amount: float = 500_000_000


def chain(
    ctx: Context,
    name: str,
    n_cases: int,
    min_hops: int,
    max_hops: int,
    window_hours: float,
    min_kept: float,
    min_amount: float,
    max_amount: float,
    closed: bool,
):
    """Hops between distinct customers' main accounts; ``closed`` returns to the origin."""
    rng = ctx.rng
    hops = spread_counts(rng, min_hops, max_hops, n_cases)
    case, pos = repeat_cases(hops)
    people = ctx.customers(case.size, min_age_days=14)
    if people.size < case.size:  # a tiny bank: fewer, shorter chains
        keep = case < np.searchsorted(np.cumsum(hops), people.size, side="right")
        case, pos = case[keep], pos[keep]
        hops = np.bincount(case, minlength=n_cases)[: case.max() + 1 if case.size else 0]
        people = people[: case.size]
    n = hops.size
    cases = ctx.case_ids(n)
    accounts = ctx.main_account(people)
    first_in_case = np.cumsum(hops) - hops
    last = pos == hops[case] - 1
    # hop k goes to the next member; the last one to the origin (cycle) or a fresh account
    target = np.where(last, accounts[first_in_case[case]] if closed else -1, np.roll(accounts, -1))
    if not closed:
        fresh = ctx.new_payees(people[last])
        external = np.full(case.size, -1)
        external[last] = fresh
    else:
        external = np.full(case.size, -1)
    kept = rng.uniform(min_kept - 0.03, 0.995, case.size)
    kept[pos == 0] = 1.0
    cum = np.ones(case.size)
    log_kept = np.log(kept)
    cs = np.cumsum(log_kept)
    cum = np.exp(cs - (cs[first_in_case[case]] - log_kept[first_in_case[case]]))
    start = ctx.start_times(n, night_share=0.2)
    amount = rng.uniform(min_amount, max_amount, n)[case] * cum
    span = rng.uniform(0.3, 1.2, n) * window_hours * HOUR
    step = span[case] / np.maximum(hops[case], 1)
    ts = start[case] + (step * pos + rng.random(case.size) * step * 0.5).astype(np.int64) * SECOND
    role = np.where(pos == 0, ROLE["originator"], ROLE["intermediary"])
    return ctx.transactions(
        name=name,
        case=cases[case],
        role=role,
        owner=people,
        from_account=accounts,
        tx_type=np.where(
            external >= 0, T["transfer_interbank_domestic"], T["transfer_same_bank_diff_owner"]
        ),
        amount=amount,
        ts=ts,
        to_internal=np.where(external >= 0, -1, target),
        to_external=external,
    )


def plan(ctx: Context, n_cases: int, p: Params):
    return chain(
        ctx,
        NAME,
        n_cases,
        p.min_hops,
        p.max_hops,
        p.window_hours,
        p.min_kept_share,
        p.min_amount,
        p.max_amount,
        closed=False,
    )
