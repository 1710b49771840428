"""Velocity attack: a script drives a compromised account through dozens of
transactions to many merchants and payees within minutes.

The attack's counts and windows are ``Params`` below, drawn with spread; the
detection rule's count and window are the dbt vars risk_velocity_* (a rule
is not tuned to its typology: docs/typologies.md).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from seeds_generator.typologies.base import SECOND, Context, T, repeat_cases, spread_counts

NAME = "velocity_attack"
MEAN_TRANSACTIONS = 62.0


@dataclass(frozen=True)
class Params:
    min_transactions: int = 50
    max_transactions: int = 75
    min_window_minutes: float = 2
    max_window_minutes: float = 5
    payment_share: float = 0.6
    min_amount: float = 50_000
    max_amount: float = 2_000_000


def plan(ctx: Context, n_cases: int, p: Params):
    rng = ctx.rng
    victims = ctx.customers(n_cases, min_age_days=7)
    n = victims.size
    cases = ctx.case_ids(n)
    start = ctx.start_times(n, night_share=0.4)
    window = rng.uniform(p.min_window_minutes, p.max_window_minutes * 1.4, n) * 60
    count = spread_counts(rng, p.min_transactions, p.max_transactions, n, straddle=0.2)
    case, _ = repeat_cases(count)
    m = case.size
    payment = rng.random(m) < p.payment_share
    tx_type = np.where(
        payment,
        T["payment_goods_services"],
        np.where(rng.random(m) < 0.5, T["transfer_interbank_domestic"], T["ewallet_transfer"]),
    )
    owner = victims[case]
    external = np.where(payment, -1, ctx.new_payees(owner, "domestic"))
    wallet = tx_type == T["ewallet_transfer"]
    external[wallet] = ctx.new_payees(owner[wallet], "wallet")
    amount = np.exp(rng.uniform(np.log(p.min_amount), np.log(p.max_amount), m))
    return ctx.transactions(
        name=NAME,
        case=cases[case],
        role="victim",
        owner=owner,
        from_account=ctx.main_account(victims)[case],
        tx_type=tx_type,
        amount=amount,
        ts=start[case] + (rng.random(m) * window[case]).astype(np.int64) * SECOND,
        to_external=external,
    )
