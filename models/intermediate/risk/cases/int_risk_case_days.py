"""Investigation cases, simulated day by day (docs/cases.md): one row per
case and day the case is open, its last row the day it closes.

Each day, in this order:
  1. the day's fraud-queue alerts of a customer with an open case join it;
  2. a customer without an open case opens one, unless a case of theirs
     closed within the cooling-off days and every rule firing today was
     already in it (then the alerts are suppressed: nothing new);
  3. an open case with no new alert for the expiry days closes, expired;
  4. the open cases are ranked by priority (the weight of the most severe
     rule + the risk-score weight x the customer's latest risk score; ties:
     opened earlier, more value at risk, smaller case id) and the first
     `capacity` are worked: investigators take them and close them that day.

The state of a day depends on the ranks of every earlier day (a case that
is not worked stays open and competes tomorrow), so the days run in order;
within a day everything is a vectorised pandas operation. The model runs
the queue at the configured capacity and at each capacity the evaluation
compares (fct_case_performance); labels are never read here.
"""

import json

import numpy as np
import pandas as pd
import pyarrow as pa

CASE_DAY_COLUMNS = [
    "case_id",
    "customer_id",
    "queue_date",
    "opened_date",
    "opened_by",
    "is_new",
    "alerts_today",
    "alert_count",
    "last_alert_date",
    "max_severity_weight",
    "amount_at_risk_vnd",
    "risk_score",
    "priority",
    "queue_rank",
    "status",
]


def case_ids(opened: pd.Series, customers: pd.Series) -> pd.Series:
    """C<opened yyyymmdd>-<customer id, 8 digits>: readable and stable (a
    customer opens at most one case a day)."""
    return (
        "C"
        + pd.to_datetime(opened).dt.strftime("%Y%m%d").to_numpy()
        + "-"
        + customers.astype("int64").astype(str).str.zfill(8).to_numpy()
    )


def simulate_cases(
    alerts: pd.DataFrame,
    scores: pd.DataFrame,
    days,
    capacity: int,
    cooling_off_days: int,
    expiry_days: int,
    score_weight: float,
    open_min_priority: float = 0.0,
) -> pd.DataFrame:
    """The case queue over `days` (ascending dates).

    alerts: one row per alert: customer_id, alert_date, rule_id,
        severity_weight, amount_at_risk_vnd.
    scores: customer_id, score_date, risk_score (a customer's latest score
        on or before a day counts; none counts as 0).
    Returns CASE_DAY_COLUMNS, one row per case and day it is open; status is
    'open', or on its last day 'worked' or 'expired'. An alerted customer
    without a case that day has a row too, case_id null: status
    'suppressed' (cooling-off) or 'below_threshold' (priority under
    `open_min_priority`).
    """
    alerts = alerts.assign(alert_date=pd.to_datetime(alerts["alert_date"]).astype("datetime64[ns]"))
    per_day = (
        alerts.groupby(["alert_date", "customer_id"], sort=True)
        .agg(
            alerts_today=("rule_id", "size"),
            severity=("severity_weight", "max"),
            amount=("amount_at_risk_vnd", "sum"),
        )
        .reset_index()
    )
    day_alerts = {
        day: frame.set_index("customer_id") for day, frame in per_day.groupby("alert_date")
    }
    rules = alerts[["alert_date", "customer_id", "rule_id"]].drop_duplicates()
    day_rules = {day: frame for day, frame in rules.groupby("alert_date")}

    scores = scores.astype({"customer_id": "int64", "risk_score": "float64"})
    scores = scores.assign(score_date=pd.to_datetime(scores["score_date"]).astype("datetime64[ns]"))
    scores = scores.sort_values(["score_date", "customer_id"], kind="stable")
    # the risk score alone is a signal too: a customer scored high enough to
    # reach the opening priority without any alert (severity 0)
    strong = scores[
        (scores["risk_score"] > 0) & (score_weight * scores["risk_score"] >= open_min_priority)
    ]
    # only the customers who can have a case need their scores looked up
    relevant = np.union1d(alerts["customer_id"].unique(), strong["customer_id"].unique())
    scores = scores[scores["customer_id"].isin(relevant)]
    day_scores = {
        day: frame.set_index("customer_id")["risk_score"]
        for day, frame in scores.groupby("score_date")
    }
    latest = pd.Series(dtype="float64")
    day_signals = {
        day: pd.DataFrame(
            {"alerts_today": 0, "severity": 0, "amount": 0.0},
            index=pd.Index(frame["customer_id"].to_numpy(), name="customer_id"),
        )
        for day, frame in strong.groupby("score_date")
    }

    open_cases = pd.DataFrame(
        {
            "case_id": pd.Series(dtype=object),
            "customer_id": pd.Series(dtype="int64"),
            "opened_date": pd.Series(dtype="datetime64[ns]"),
            "opened_by": pd.Series(dtype=object),
            "last_alert_date": pd.Series(dtype="datetime64[ns]"),
            "max_severity_weight": pd.Series(dtype="int64"),
            "alert_count": pd.Series(dtype="int64"),
            "amount_at_risk_vnd": pd.Series(dtype="float64"),
        }
    ).set_index("customer_id", drop=False)
    case_rules = pd.DataFrame(
        {"case_id": pd.Series(dtype=object), "rule_id": pd.Series(dtype=object)}
    )
    last_closed = pd.DataFrame(
        {"case_id": pd.Series(dtype=object), "closed_date": pd.Series(dtype="datetime64[ns]")}
    )
    emitted = []
    empty_alerts = per_day.iloc[0:0].set_index("customer_id")
    empty_rules = rules.iloc[0:0]

    for day in pd.to_datetime(pd.Series(list(days))).astype("datetime64[ns]").sort_values():
        scored_today = day_scores.get(day)
        if scored_today is not None:
            latest = pd.concat([latest[~latest.index.isin(scored_today.index)], scored_today])
        today = day_alerts.get(day, empty_alerts)
        signals = day_signals.get(day)
        if signals is not None:
            signals = signals[~signals.index.isin(today.index)]
            today = pd.concat([today, signals]) if len(today) else signals
        rules_today = day_rules.get(day, empty_rules)

        # 1. alerts join the customer's open case (a score alone adds nothing)
        joining = today.index[today["alerts_today"].to_numpy() > 0].intersection(open_cases.index)
        if len(joining):
            joined = today.loc[joining]
            open_cases.loc[joining, "max_severity_weight"] = np.maximum(
                open_cases.loc[joining, "max_severity_weight"].to_numpy(),
                joined["severity"].to_numpy(),
            )
            open_cases.loc[joining, "alert_count"] += joined["alerts_today"].to_numpy()
            open_cases.loc[joining, "amount_at_risk_vnd"] += joined["amount"].to_numpy()
            open_cases.loc[joining, "last_alert_date"] = day

        # 2. new cases, unless the cooling-off of a closed case suppresses them
        fresh = today.index.difference(open_cases.index)
        recent = last_closed.reindex(fresh)
        cooling = fresh[
            (recent["closed_date"] >= day - pd.Timedelta(days=cooling_off_days)).to_numpy()
        ]
        suppressed = cooling
        if len(cooling):
            fired = rules_today[rules_today["customer_id"].isin(cooling)].merge(
                last_closed[["case_id"]], left_on="customer_id", right_index=True
            )
            known = fired.merge(case_rules, on=["case_id", "rule_id"], how="left", indicator=True)
            something_new = known.loc[known["_merge"] == "left_only", "customer_id"].unique()
            suppressed = cooling.difference(pd.Index(something_new))
        candidates = fresh.difference(suppressed)
        # triage: a case opens only at the threshold priority
        scored = with_scores(
            today.loc[candidates].reset_index().rename(columns={"index": "customer_id"}),
            latest,
            day,
        )
        scored["priority"] = scored["severity"] + score_weight * scored["risk_score"]
        below = scored[scored["priority"] < open_min_priority]
        opening = candidates.difference(pd.Index(below["customer_id"]))
        if len(suppressed) or len(below):
            held = pd.concat(
                [
                    with_scores(
                        today.loc[suppressed]
                        .reset_index()
                        .rename(columns={"index": "customer_id"}),
                        latest,
                        day,
                    ).assign(status="suppressed"),
                    below.assign(status="below_threshold"),
                ]
            )
            held["priority"] = held["severity"] + score_weight * held["risk_score"]
            emitted.append(
                pd.DataFrame(
                    {
                        "case_id": None,
                        "customer_id": held["customer_id"].to_numpy(),
                        "queue_date": day,
                        "opened_date": pd.NaT,
                        "opened_by": np.where(
                            held["alerts_today"].to_numpy() > 0, "rules", "risk_score"
                        ),
                        "is_new": False,
                        "alerts_today": held["alerts_today"].to_numpy(),
                        "alert_count": held["alerts_today"].to_numpy(),
                        "last_alert_date": day,
                        "max_severity_weight": held["severity"].to_numpy(),
                        "amount_at_risk_vnd": held["amount"].to_numpy(),
                        "risk_score": held["risk_score"].to_numpy(),
                        "priority": held["priority"].to_numpy(),
                        "queue_rank": np.nan,
                        "status": held["status"].to_numpy(),
                    }
                )
            )
        if len(opening):
            new = today.loc[opening]
            customers = pd.Series(opening, index=opening, dtype="int64")
            opened = pd.DataFrame(
                {
                    "case_id": case_ids(pd.Series(day, index=opening), customers),
                    "customer_id": customers.to_numpy(),
                    "opened_date": day,
                    "opened_by": np.where(
                        new["alerts_today"].to_numpy() > 0, "rules", "risk_score"
                    ),
                    "last_alert_date": day,
                    "max_severity_weight": new["severity"].to_numpy().astype("int64"),
                    "alert_count": new["alerts_today"].to_numpy().astype("int64"),
                    "amount_at_risk_vnd": new["amount"].to_numpy().astype("float64"),
                },
                index=opening,
            )
            open_cases = pd.concat([open_cases, opened]) if len(open_cases) else opened
        taken = today.index.intersection(open_cases.index)
        if len(taken):
            fired = rules_today[rules_today["customer_id"].isin(taken)].merge(
                open_cases[["case_id"]], left_on="customer_id", right_index=True
            )
            case_rules = pd.concat([case_rules, fired[["case_id", "rule_id"]]]).drop_duplicates()

        if not len(open_cases):
            continue

        # 3. expiry, 4. priority, rank and work
        state = with_scores(open_cases, latest, day)
        state["priority"] = state["max_severity_weight"] + score_weight * state["risk_score"]
        expired = (state["last_alert_date"] <= day - pd.Timedelta(days=expiry_days)).to_numpy()
        ranked = state[~expired].sort_values(
            ["priority", "opened_date", "amount_at_risk_vnd", "case_id"],
            ascending=[False, True, False, True],
            kind="stable",
        )
        state["queue_rank"] = pd.Series(np.arange(1, len(ranked) + 1), index=ranked.index)
        state["status"] = "open"
        state.loc[expired, "status"] = "expired"
        state.loc[state["queue_rank"] <= capacity, "status"] = "worked"
        state["is_new"] = state["opened_date"] == day
        state["alerts_today"] = (
            state["customer_id"].map(today["alerts_today"]).fillna(0).astype("int64")
        )
        emitted.append(state)

        closing = state[state["status"].isin(["worked", "expired"])]
        closed = pd.DataFrame(
            {"case_id": closing["case_id"].to_numpy(), "closed_date": day},
            index=pd.Index(closing["customer_id"].to_numpy()),
        )
        last_closed = pd.concat([last_closed[~last_closed.index.isin(closed.index)], closed])
        open_cases = open_cases[~open_cases.index.isin(closed.index)]

    if not emitted:
        return pd.DataFrame({column: [] for column in CASE_DAY_COLUMNS})
    out = pd.concat(emitted, ignore_index=True)
    out["queue_rank"] = out["queue_rank"].astype("Int64")
    return out[CASE_DAY_COLUMNS]


def with_scores(frame: pd.DataFrame, latest: pd.Series, day) -> pd.DataFrame:
    """`frame` with each customer's latest risk score on or before `day`
    (`latest`, kept up to date day by day; 0 when none) as risk_score."""
    frame = frame.reset_index(drop=True).assign(queue_date=day)
    frame["risk_score"] = frame["customer_id"].map(latest).fillna(0.0).to_numpy()
    return frame


def configured_capacity(default: float, by_scenario: dict, scenario) -> float:
    """The capacity per 1,000 customers of the bank's scenario when the
    project sets one for it, else the default."""
    return float(by_scenario.get(scenario, default)) if scenario else float(default)


def capacity_cases(per_1000: float, customers: int) -> int:
    """Cases a day for `per_1000` cases per 1,000 customers (half up, at least 1)."""
    return max(1, int(np.floor(per_1000 * customers / 1000 + 0.5)))


def model(dbt, session):
    dbt.config(materialized="table")
    by_scenario = json.loads(dbt.config.get("case_capacity_by_scenario"))
    loads = dbt.ref("stg_seeder__loads")
    latest = session.sql(
        f"select scenario from ({loads.sql_query()}) order by batch_id desc limit 1"
    ).fetchone()
    default = configured_capacity(
        float(dbt.config.get("case_capacity_per_1000_customers")),
        by_scenario,
        latest[0] if latest else None,
    )
    evaluated = [float(c) for c in json.loads(dbt.config.get("case_capacities_evaluated"))]
    cooling_off_days = int(dbt.config.get("case_cooling_off_days"))
    expiry_days = int(dbt.config.get("case_expiry_days"))
    score_weight = float(dbt.config.get("case_risk_score_weight"))
    open_min_priority = float(dbt.config.get("case_open_min_priority"))

    alerts = dbt.ref("int_risk_case_alerts")
    # the champion's scores of the risk score log (the model the bank serves)
    scores = dbt.ref("int_risk_score_log")
    transactions = dbt.ref("int_risk_transactions")
    customers = dbt.ref("stg_core_banking__customers")
    alert_rows = session.sql(
        "select customer_id, alert_date, rule_id, severity_weight, "
        f"cast(amount_at_risk_vnd as double) as amount_at_risk_vnd from ({alerts.sql_query()}) "
        "order by alert_date, customer_id, rule_id"
    ).df()
    score_rows = session.sql(
        f"select customer_id, score_date, score as risk_score from ({scores.sql_query()}) "
        "where is_champion order by score_date, customer_id"
    ).df()
    first, last = session.sql(
        f"select min(transaction_date), max(transaction_date) from ({transactions.sql_query()})"
    ).fetchone()
    (customer_count,) = session.sql(f"select count(*) from ({customers.sql_query()})").fetchone()
    days = pd.date_range(first, last, freq="D") if first is not None else []

    frames = []
    for per_1000 in sorted(set(evaluated) | {default}):
        capacity = capacity_cases(per_1000, customer_count)
        frame = simulate_cases(
            alert_rows,
            score_rows,
            days,
            capacity,
            cooling_off_days,
            expiry_days,
            score_weight,
            open_min_priority,
        )
        frame["capacity_per_1000_customers"] = per_1000
        frame["capacity_cases_per_day"] = capacity
        frame["is_configured_capacity"] = per_1000 == default
        frames.append(frame)
    out = pd.concat(frames, ignore_index=True)

    def dates(column):
        return pa.array(pd.to_datetime(out[column]).astype("datetime64[ns]")).cast(pa.date32())

    def integers(column):
        return pa.array(out[column].astype("Int64").to_numpy(na_value=None), pa.int64())

    return pa.table(
        {
            "case_id": pa.array(out["case_id"].where(out["case_id"].notna(), None), pa.string()),
            "customer_id": integers("customer_id"),
            "queue_date": dates("queue_date"),
            "opened_date": dates("opened_date"),
            "opened_by": pa.array(out["opened_by"].astype(str), pa.string()),
            "is_new": pa.array(out["is_new"].astype(bool)),
            "alerts_today": integers("alerts_today"),
            "alert_count": integers("alert_count"),
            "last_alert_date": dates("last_alert_date"),
            "max_severity_weight": integers("max_severity_weight"),
            "amount_at_risk_vnd": pa.array(out["amount_at_risk_vnd"].astype(float), pa.float64()),
            "risk_score": pa.array(out["risk_score"].astype(float), pa.float64()),
            "priority": pa.array(out["priority"].astype(float), pa.float64()),
            "queue_rank": integers("queue_rank"),
            "status": pa.array(out["status"].astype(str), pa.string()),
            "capacity_per_1000_customers": pa.array(
                out["capacity_per_1000_customers"], pa.float64()
            ),
            "capacity_cases_per_day": integers("capacity_cases_per_day"),
            "is_configured_capacity": pa.array(out["is_configured_capacity"].astype(bool)),
        }
    )
