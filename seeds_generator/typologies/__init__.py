"""Fraud and laundering typologies, one module each (docs/typologies.md).

``plan_day`` turns the scenario's illicit rate into a number of new cases
per typology for a day and asks each module to plan them; the transactions
come back labelled (case id, typology, role) and may reach into later days.
"""

from __future__ import annotations

from seeds_generator.behaviour.transactions import day_bounds, expected_daily_transactions
from seeds_generator.config import TYPOLOGIES, Scenario
from seeds_generator.entities.population import Columns, concat_columns
from seeds_generator.rng import child_rng
from seeds_generator.state import BankState
from seeds_generator.typologies import (
    account_takeover,
    card_testing,
    cycle,
    layering_chain,
    lone_fraud,
    mule_fan_in,
    mule_fan_out,
    structuring,
    synthetic_identity_bust_out,
    velocity_attack,
)
from seeds_generator.typologies.base import Context, params_from

MODULES = {
    m.NAME: m
    for m in (
        card_testing,
        velocity_attack,
        account_takeover,
        structuring,
        mule_fan_in,
        mule_fan_out,
        layering_chain,
        cycle,
        synthetic_identity_bust_out,
        lone_fraud,
    )
}
assert tuple(MODULES) == TYPOLOGIES, "config.TYPOLOGIES and the modules must agree"


def validate_params(s: Scenario) -> None:
    """Raise ScenarioError for an unknown or ill-typed typology parameter."""
    for name, module in MODULES.items():
        params_from(module.Params, name, s.fraud.params.get(name, {}))


def plan_day(s: Scenario, state: BankState, day: int) -> Columns:
    weights = s.fraud.weights
    # weights share out cases; the illicit rate fixes the share of transactions
    per_case = sum(w * MODULES[t].MEAN_TRANSACTIONS for t, w in weights.items())
    if s.fraud.illicit_rate <= 0 or per_case <= 0:
        return {}
    expected = expected_daily_transactions(s, state, day)
    start, _ = day_bounds(s, day)
    parts = []
    for name, module in MODULES.items():
        w = weights.get(name, 0.0)
        if w <= 0:
            continue
        rng = child_rng(s.seed, f"typology:{name}", day)
        lam = s.fraud.illicit_rate * expected * w / per_case
        n_cases = int(rng.poisson(lam))
        if n_cases == 0:
            continue
        params = params_from(module.Params, name, s.fraud.params.get(name, {}))
        out = module.plan(Context(s, state, day, start, rng), n_cases, params)
        parts.append(out)
    return concat_columns(parts)
