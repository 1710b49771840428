"""Cycle: money leaves an account and returns to it in 3-5 hops."""

from __future__ import annotations

from dataclasses import dataclass

from seeds_generator.typologies.base import Context
from seeds_generator.typologies.layering_chain import chain

NAME = "cycle"
MEAN_TRANSACTIONS = 4.0


@dataclass(frozen=True)
class Params:
    min_hops: int = 3
    max_hops: int = 5
    window_hours: float = 96
    min_kept_share: float = 0.9
    min_amount: float = 30_000_000
    max_amount: float = 300_000_000


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
        closed=True,
    )
