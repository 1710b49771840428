"""Synthetic-identity bust-out: after a normal history, one or two days of
transfers to new payees that empty the account, then silence."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from seeds_generator.typologies.base import DAY_S, SECOND, Context, T, repeat_cases, spread_counts

NAME = "synthetic_identity_bust_out"
MEAN_TRANSACTIONS = 8.0


@dataclass(frozen=True)
class Params:
    min_transfers: int = 4
    max_transfers: int = 12
    max_days: float = 2
    # the pattern needs an own baseline: no bust-out before this many simulated days
    min_history_days: int = 10


def plan(ctx: Context, n_cases: int, p: Params):
    if ctx.day < p.min_history_days:
        return {}
    rng = ctx.rng
    who = ctx.customers(n_cases, min_age_days=60)
    n = who.size
    cases = ctx.case_ids(n)
    account = ctx.main_account(who)
    start = ctx.start_times(n, night_share=0.2)
    count = spread_counts(rng, p.min_transfers, p.max_transfers, n)
    case, _ = repeat_cases(count)
    m = case.size
    balance = ctx.balance(account)
    w = rng.uniform(0.5, 1.5, m)
    share = w / np.bincount(case, w, minlength=n)[case]
    amount = np.maximum(balance[case] * rng.uniform(0.85, 1.0, n)[case] * share, 3_000_000)
    offset = (rng.random(m) * p.max_days * DAY_S * rng.uniform(0.5, 1.0, m)).astype(np.int64)
    owner = who[case]
    wallet = rng.random(m) < 0.25
    out = ctx.transactions(
        name=NAME,
        case=cases[case],
        role="synthetic_identity",
        owner=owner,
        from_account=account[case],
        tx_type=np.where(wallet, T["ewallet_transfer"], T["transfer_interbank_domestic"]),
        amount=amount,
        ts=start[case] + offset * SECOND,
        to_external=np.where(wallet, ctx.new_payees(owner, "wallet"), ctx.new_payees(owner)),
    )
    # then silence: the customer stops using the bank
    ctx.state.customers["status"][who] = "inactive"
    ctx.state.customers["updated_at"][who] = np.maximum(
        ctx.state.customers["updated_at"][who], start + int(p.max_days * DAY_S) * SECOND
    )
    ctx.state.mark_touched("customers", who)
    return out
