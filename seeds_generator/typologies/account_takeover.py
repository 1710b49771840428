"""Account takeover: failed logins, a login from a new device and address,
then within the hour most of the balance goes to a payee never seen before."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from seeds_generator.typologies.base import SECOND, Context, T

NAME = "account_takeover"
MEAN_TRANSACTIONS = 1.3


@dataclass(frozen=True)
class Params:
    min_failed_logins: int = 2
    max_failed_logins: int = 6
    min_balance_share: float = 0.6
    max_balance_share: float = 0.98
    max_minutes_after_login: float = 60
    second_transfer_share: float = 0.3


def plan(ctx: Context, n_cases: int, p: Params):
    rng = ctx.rng
    victims = ctx.customers(n_cases, min_age_days=30)
    n = victims.size
    cases = ctx.case_ids(n)
    login = ctx.start_times(n, night_share=0.5)
    device = ctx.new_device(victims, login)
    account = ctx.main_account(victims)
    second = rng.random(n) < p.second_transfer_share
    case = np.concatenate([np.arange(n), np.flatnonzero(second)])
    first = np.arange(case.size) < n
    delay = rng.uniform(2, p.max_minutes_after_login * 1.3, case.size) * 60
    delay = np.where(first, delay, delay + rng.uniform(60, 900, case.size))
    share = rng.uniform(p.min_balance_share * 0.8, p.max_balance_share, case.size)
    share = np.where(first, share, rng.uniform(0.3, 0.9, case.size) * (1 - share))
    amount = np.maximum(ctx.balance(account)[case] * share, 500_000)
    wallet = rng.random(case.size) < 0.3
    owner = victims[case]
    external = np.where(wallet, ctx.new_payees(owner, "wallet"), ctx.new_payees(owner))
    out = ctx.transactions(
        name=NAME,
        case=cases[case],
        role="victim",
        owner=owner,
        from_account=account[case],
        tx_type=np.where(wallet, T["ewallet_transfer"], T["transfer_interbank_domestic"]),
        amount=amount,
        ts=login[case] + delay.astype(np.int64) * SECOND,
        device=device[case],
        to_external=external,
    )
    # the session: failed logins, then the attacker's successful login
    out["_login_failures"] = np.where(
        first, rng.integers(p.min_failed_logins - 1, p.max_failed_logins + 1, case.size), -1
    ).astype(np.int8)
    out["_foreign_ip"] = first
    # OTP intercepted (SIM swap): sometimes confirmed one level weaker
    out["_level_shift"] = np.where(rng.random(case.size) < 0.3, -1, 0).astype(np.int8)
    return out
