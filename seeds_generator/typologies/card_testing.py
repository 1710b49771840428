"""Card testing: many tiny payments to many merchants in minutes, then cash-out.

A stolen card or wallet is tried with 10-60 payments of 1,000-50,000 VND
within 5-30 minutes, usually from a device the owner never used, with many
failed authentications; 1-3 large payments follow once it works.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from seeds_generator import codes
from seeds_generator.typologies.base import SECOND, Context, T, repeat_cases, spread_counts

NAME = "card_testing"
MEAN_TRANSACTIONS = 37.0


@dataclass(frozen=True)
class Params:
    min_payments: int = 10
    max_payments: int = 60
    min_amount: float = 1_000
    max_amount: float = 50_000
    min_window_minutes: float = 5
    max_window_minutes: float = 30
    new_device_share: float = 0.75
    failed_payment_share: float = 0.35
    max_cash_out_payments: int = 3


def plan(ctx: Context, n_cases: int, p: Params):
    rng = ctx.rng
    victims = ctx.customers(n_cases, min_age_days=7)
    n = victims.size
    cases = ctx.case_ids(n)
    start = ctx.start_times(n, night_share=0.45)
    window = rng.uniform(p.min_window_minutes * 0.7, p.max_window_minutes * 1.3, n) * 60
    new_dev = rng.random(n) < p.new_device_share
    device = np.where(new_dev, -1, ctx.main_device(victims))
    if new_dev.any():
        device[new_dev] = ctx.new_device(victims[new_dev], start[new_dev])

    small = spread_counts(rng, p.min_payments, p.max_payments, n)
    cash = rng.integers(1, p.max_cash_out_payments + 1, n)
    total = small + cash
    case, pos = repeat_cases(total)
    is_small = pos < small[case]
    offset = np.where(
        is_small,
        rng.random(case.size) * window[case],
        window[case] + rng.uniform(60, 1_800, case.size),
    )
    amount = np.where(
        is_small,
        np.exp(rng.uniform(np.log(p.min_amount), np.log(p.max_amount * 1.6), case.size)),
        rng.uniform(2_000_000, 30_000_000, case.size),
    )
    failed = is_small & (rng.random(case.size) < p.failed_payment_share)
    out = ctx.transactions(
        name=NAME,
        case=cases[case],
        role="victim",
        owner=victims[case],
        from_account=ctx.main_account(victims)[case],
        tx_type=T["payment_goods_services"],
        amount=amount,
        ts=start[case] + offset.astype(np.int64) * SECOND,
        device=device[case],
        status=np.where(failed, codes.STATUS["failed"], codes.STATUS["completed"]),
    )
    out["_failed_attempts"] = np.where(is_small, rng.poisson(0.8, case.size), 0).astype(np.int8)
    return out
