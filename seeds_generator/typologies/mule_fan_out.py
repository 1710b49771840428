"""Mule fan-out / pass-through: funds arrive and >= 80 % leave within 24-48 h.

One to three transfers land in a mule's account; after a short dwell the
mule sends most of it on to several payees it never paid before.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from seeds_generator.entities.population import concat_columns
from seeds_generator.landing import ROLE
from seeds_generator.typologies.base import HOUR, SECOND, Context, T, repeat_cases, spread_counts

NAME = "mule_fan_out"
MEAN_TRANSACTIONS = 6.5


@dataclass(frozen=True)
class Params:
    min_incoming: int = 1
    max_incoming: int = 3
    min_outgoing: int = 2
    max_outgoing: int = 6
    min_forward_share: float = 0.8
    max_dwell_hours: float = 48
    min_amount: float = 20_000_000
    max_amount: float = 300_000_000


def plan(ctx: Context, n_cases: int, p: Params):
    rng = ctx.rng
    mules = ctx.customers(n_cases, min_age_days=3)
    n = mules.size
    cases = ctx.case_ids(n)
    mule_acc = ctx.main_account(mules)
    start = ctx.start_times(n, night_share=0.2)
    n_in = spread_counts(rng, p.min_incoming, p.max_incoming, n, straddle=0.0)
    n_out = spread_counts(rng, p.min_outgoing, p.max_outgoing, n)
    total_in = rng.uniform(p.min_amount, p.max_amount, n)
    share = rng.uniform(p.min_forward_share * 0.85, 0.995, n)  # straddles 80 %
    dwell = rng.uniform(0.1, 1.3, n) * p.max_dwell_hours * HOUR

    c_in, k_in = repeat_cases(n_in)
    senders = ctx.customers(c_in.size, min_age_days=14)
    c_in = c_in[: senders.size]
    w_in = rng.uniform(0.5, 1.5, c_in.size)
    amount_in = total_in[c_in] * w_in / np.bincount(c_in, w_in, minlength=n)[c_in]
    incoming = ctx.transactions(
        name=NAME,
        case=cases[c_in],
        role="originator",
        owner=senders,
        from_account=ctx.main_account(senders),
        tx_type=np.where(
            rng.random(c_in.size) < 0.5,
            T["transfer_same_bank_diff_owner"],
            T["transfer_same_bank_diff_owner"],
        ),
        amount=amount_in,
        ts=start[c_in] + (rng.random(c_in.size) * 3 * HOUR).astype(np.int64) * SECOND,
        to_internal=mule_acc[c_in],
    )
    c_out, _ = repeat_cases(n_out)
    w_out = rng.uniform(0.5, 1.5, c_out.size)
    amount_out = (
        total_in[c_out] * share[c_out] * w_out / np.bincount(c_out, w_out, minlength=n)[c_out]
    )
    ts_out = (
        start[c_out]
        + ((3 * HOUR + dwell[c_out]) * rng.uniform(0.8, 1.0, c_out.size)).astype(np.int64) * SECOND
    )
    outgoing = ctx.transactions(
        name=NAME,
        case=cases[c_out],
        role="mule",
        owner=mules[c_out],
        from_account=mule_acc[c_out],
        tx_type=T["transfer_interbank_domestic"],
        amount=amount_out,
        ts=ts_out,
        to_external=ctx.new_payees(mules[c_out]),
    )
    outgoing["_role"][:] = ROLE["mule"]
    return concat_columns([incoming, outgoing])
