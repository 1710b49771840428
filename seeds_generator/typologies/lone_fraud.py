"""Lone fraud: one scam transfer with no pattern (an impersonation call, a
fake investment). Ordinary device, proper authentication: only a score
that knows the customer can catch some, which keeps evaluation honest."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from seeds_generator.typologies.base import Context, T

NAME = "lone_fraud"
MEAN_TRANSACTIONS = 1.0


@dataclass(frozen=True)
class Params:
    median_amount: float = 15_000_000
    sigma: float = 1.1


def plan(ctx: Context, n_cases: int, p: Params):
    rng = ctx.rng
    victims = ctx.customers(n_cases, min_age_days=7)
    n = victims.size
    wallet = rng.random(n) < 0.3
    return ctx.transactions(
        name=NAME,
        case=ctx.case_ids(n),
        role="victim",
        owner=victims,
        from_account=ctx.main_account(victims),
        tx_type=np.where(wallet, T["ewallet_transfer"], T["transfer_interbank_domestic"]),
        amount=p.median_amount * np.exp(p.sigma * rng.standard_normal(n)),
        ts=ctx.start_times(n, night_share=0.1),
        to_external=np.where(wallet, ctx.new_payees(victims, "wallet"), ctx.new_payees(victims)),
    )
