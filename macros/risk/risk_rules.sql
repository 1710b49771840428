{#
    The catalogue of risk alert rules: the one place where a rule's name,
    type, entity, basis, severity, the dbt vars holding its thresholds and
    its description are written down. dim_alert_rules renders it (with the
    vars' current values); every rule model (int_risk_alerts__<rule_id>)
    takes its severity from it, so a rule's severity is changed here and
    nowhere else.

    basis: regulation (SBV Decision 2345 / Circular 50 / Decision 11/2023),
    case_study (an alert type of the seed case study, errors fixed; see
    docs/sbv2345.md) or typology (docs/typologies.md;
    a typology rule targets the typology of its own name).
    entity: what one alert is about (transaction, account, device or
    customer).
    queue: who works the rule's alerts. fraud: the fraud team's queue
    (fct_risk_alerts, rolled up into investigation cases, fct_cases);
    compliance: a regulation or reporting flag (SBV 2345 / Circular 50
    authentication, inactive-account use, untrusted devices, large-value
    reports), tracked as compliance exceptions
    (fct_compliance_exceptions), never as fraud cases.
#}
{% macro risk_rule_catalogue() -%}
{%- set catalogue -%}
- rule_id: weak_authentication
  name: Weak authentication for the required class
  alert_type: authentication
  entity: account
  basis: case_study
  severity: high
  queue: compliance
  thresholds: []
  description: >-
    Per source account and day: completed transactions whose achieved
    authentication level (highest successful method) is below the class
    SBV 2345 / Circular 50 requires for their group, amount, T and Tksth
    (per source account and group, not a flat 10M for every type). An
    individual's I.3 transfer in class C or D confirmed below C is a
    missing biometric match and is left to strong_auth_required and
    daily_limit_strong_auth, so no transaction is alerted twice for it.
- rule_id: strong_auth_required
  name: Biometric missing on an I.3 transfer over 10M
  alert_type: authentication
  entity: transaction
  basis: regulation
  severity: high
  queue: compliance
  thresholds: [sbv2345_i3_b_max_amount_vnd]
  description: >-
    Decision 2345: a completed I.3 transfer or e-wallet top-up of an
    individual over 10M VND in one transaction, confirmed without a
    biometric match against CCCD / VNeID data. (Taking the day's Tksth over
    20M is the daily_limit_strong_auth rule.)
- rule_id: daily_limit_strong_auth
  name: I.3 daily total over the limit without C/D
  alert_type: limit
  entity: account
  basis: case_study
  severity: medium
  queue: compliance
  thresholds: [sbv2345_i3_b_max_amount_vnd, sbv2345_i3_b_max_tksth_vnd]
  description: >-
    Per source account and day (individuals, group I.3): completed
    transactions of at most 10M that took Tksth (the day's A/B total since
    the last C/D confirmation, per account) over the 20M limit and were not
    confirmed with a C or D method. T is not the limit: after a C/D
    confirmation the count starts again.
- rule_id: untrusted_device
  name: Money moved from an untrusted device
  alert_type: device
  entity: device
  basis: case_study
  severity: medium
  queue: compliance
  thresholds: []
  description: >-
    Per device and day: completed money-moving transactions initiated from
    the device while it was untrusted, blocked or suspicious (status
    versions from the snapshots; a change is trusted only from its
    updated_at on). Inquiries and transactions that failed move no money.
- rule_id: auth_failure
  name: Repeated authentication failures on a transaction
  alert_type: authentication
  entity: transaction
  basis: case_study
  severity: low
  queue: fraud
  thresholds: [risk_auth_failure_min_attempts]
  description: >-
    A transaction with at least the given number of failed, expired or
    cancelled authentication attempts.
- rule_id: auth_failure_rate
  name: High authentication failure rate of a customer
  alert_type: authentication
  entity: customer
  basis: case_study
  severity: medium
  queue: fraud
  thresholds:
    - risk_auth_failure_rate_min_share
    - risk_auth_failure_rate_min_attempts
  description: >-
    Per customer and day: the failed share of all authentication attempts
    (transaction confirmations and logins) is at least the given share,
    over at least the given number of attempts.
- rule_id: high_value_transaction
  name: High-value transaction
  alert_type: value
  entity: transaction
  basis: case_study
  severity: low
  queue: fraud
  thresholds:
    - risk_high_value_individual_vnd
    - risk_high_value_organization_vnd
  description: >-
    A completed money-moving transaction at or above the high-value amount
    of its customer type (individual / organisation).
- rule_id: unusual_pattern
  name: Amount far above the account's own baseline
  alert_type: behaviour
  entity: transaction
  basis: case_study
  severity: medium
  queue: fraud
  thresholds:
    - risk_unusual_amount_multiplier
    - risk_unusual_min_history_transactions
    - risk_unusual_min_amount_vnd
    - risk_baseline_days
  description: >-
    A completed outgoing transaction whose amount is at least the minimum
    and at least the multiplier times the mean of the account's completed
    outgoing transactions of the same SBV 2345 group over the trailing
    baseline days (with enough of them): payments against payments,
    transfers against transfers. Transfers between the customer's own
    accounts (I.1, II.1) are not outgoing money.
- rule_id: inactive_account
  name: Money moved from an inactive or frozen account
  alert_type: account_status
  entity: account
  basis: case_study
  severity: high
  queue: compliance
  thresholds: []
  description: >-
    Per source account and day: completed money-moving transactions from an
    account that was inactive or frozen, or of a customer that was inactive
    or suspended, when they happened (status versions from the snapshots; a
    status change is only trusted from its updated_at on). Attempts the
    core banking system refused (failed) moved no money.
- rule_id: unusual_cross_border_frequency
  name: Organisation cross-border transfer spike
  alert_type: behaviour
  entity: customer
  basis: case_study
  severity: medium
  queue: fraud
  thresholds:
    - risk_cross_border_min_count
    - risk_cross_border_spike_multiplier
    - risk_baseline_days
    - risk_baseline_min_days
  description: >-
    Per organisation and day: international transfers at least the minimum
    count and at least the multiplier times the organisation's trailing
    daily mean.
- rule_id: high_payment_volume
  name: Organisation payment volume spike
  alert_type: behaviour
  entity: customer
  basis: case_study
  severity: low
  queue: fraud
  thresholds:
    - risk_payment_volume_min_count
    - risk_payment_volume_spike_multiplier
    - risk_baseline_days
    - risk_baseline_min_days
  description: >-
    Per organisation and day: outgoing money-moving transactions at least
    the minimum count and at least the multiplier times the organisation's
    trailing daily mean.
- rule_id: new_device_without_biometric
  name: New device without biometric match
  alert_type: device
  entity: transaction
  basis: regulation
  severity: high
  queue: compliance
  thresholds: []
  description: >-
    Decision 2345: the first transaction of an individual on a device, or
    on a device other than the previous transaction's (groups I.2-I.4),
    completed without a successful biometric match.
- rule_id: large_value_report
  name: Large-value transaction to report
  alert_type: reporting
  entity: transaction
  basis: regulation
  severity: info
  queue: compliance
  thresholds: [risk_large_value_report_vnd]
  description: >-
    Decision 11/2023/QD-TTg: a completed transaction of at least
    400,000,000 VND, to be reported to the Anti-Money Laundering
    Department.
- rule_id: card_testing
  name: Card testing burst
  alert_type: fraud
  entity: account
  basis: typology
  severity: high
  queue: fraud
  thresholds:
    - risk_card_testing_window_minutes
    - risk_card_testing_max_amount_vnd
    - risk_card_testing_min_payments
    - risk_card_testing_min_failures
    - risk_card_testing_followup_minutes
  description: >-
    Per source account, a sliding window with many small payments and many
    failures (failed payments plus failed authentication attempts); the
    account's transactions in the burst and in the follow-up minutes (the
    cash-out) belong to the alert.
- rule_id: velocity_attack
  name: Velocity attack
  alert_type: fraud
  entity: account
  basis: typology
  severity: high
  queue: fraud
  thresholds: [risk_velocity_window_minutes, risk_velocity_min_transactions]
  description: >-
    Per source account, at least the minimum number of transactions within
    a sliding window.
- rule_id: account_takeover
  name: Account takeover transfer
  alert_type: fraud
  entity: transaction
  basis: typology
  severity: critical
  queue: fraud
  thresholds:
    - risk_new_device_hours
    - risk_ato_login_window_minutes
    - risk_ato_failed_login_lookback_minutes
    - risk_ato_min_failed_logins
  description: >-
    A transfer to a payee the customer never paid before, from a device
    first seen within the new-device hours, shortly after a successful
    login on that device that followed failed logins.
- rule_id: structuring
  name: Structuring under a threshold
  alert_type: laundering
  entity: account
  basis: typology
  severity: high
  queue: fraud
  thresholds:
    - sbv2345_i3_b_max_amount_vnd
    - risk_large_value_report_vnd
    - risk_structuring_band_share
    - risk_structuring_window_hours
    - risk_structuring_min_transfers
  description: >-
    Per source account, at least the minimum number of transfers within a
    sliding window whose amounts are just under the same threshold (the
    10M biometric trigger or the 400M large-value report).
- rule_id: mule_fan_in
  name: Smurfing into a young account
  alert_type: laundering
  entity: account
  basis: typology
  severity: high
  queue: fraud
  thresholds:
    - risk_fan_in_window_days
    - risk_fan_in_max_account_age_days
    - risk_fan_in_min_senders
  description: >-
    Per receiving internal account: at least the minimum number of distinct
    sending accounts of individuals (smurfs are people; an employer's or
    supplier's payment is not smurfing) within a sliding window whose first
    transfer reached the account while it was younger than the maximum
    age. The incoming transfers belong to the alert.
- rule_id: mule_fan_out
  name: Pass-through (fan-out) mule
  alert_type: laundering
  entity: account
  basis: typology
  severity: high
  queue: fraud
  thresholds:
    - risk_fan_out_window_hours
    - risk_fan_out_min_inflow_vnd
    - risk_fan_out_min_forward_share
    - risk_fan_out_max_forward_share
    - risk_fan_out_min_payees
    - risk_fan_out_min_payee_share
  description: >-
    Per internal account of an individual: a completed incoming transfer of
    at least the minimum inflow, then within the window transfers to
    payees the account never paid before at other banks or wallets (the
    cash-out), totalling between the minimum and maximum share of what came
    in over the window (a pass-through forwards what it receives, not its
    own savings), split over at least the minimum number of payees that
    each got at least the minimum payee share of it. A payee is new when
    the warehouse holds no earlier payment to it. Inflows and cash-outs
    belong to the alert.
- rule_id: layering_chain
  name: Layering chain
  alert_type: laundering
  entity: account
  basis: typology
  severity: high
  queue: fraud
  thresholds:
    - risk_chain_min_amount_vnd
    - risk_chain_max_hop_gap_hours
    - risk_chain_min_kept_share
    - risk_chain_max_hops
    - risk_layering_min_hops
  description: >-
    A chain of at least the minimum number of hops between individuals'
    accounts: each hop leaves the account the previous hop paid, within
    the maximum gap, keeping at least the given share of the amount;
    chains that return to their origin are cycles, not layering. The
    account is the chain's origin; its hops belong to the alert.
- rule_id: cycle
  name: Funds returning to their origin
  alert_type: laundering
  entity: account
  basis: typology
  severity: high
  queue: fraud
  thresholds:
    - risk_chain_min_amount_vnd
    - risk_chain_max_hop_gap_hours
    - risk_chain_min_kept_share
    - risk_cycle_min_hops
    - risk_cycle_window_hours
  description: >-
    A chain of hops (as for layering) that pays its origin account back
    within the cycle window, in at least the minimum number of hops (two is
    a round trip).
- rule_id: synthetic_identity_bust_out
  name: 'Bust-out: an account drained to new payees'
  alert_type: fraud
  entity: account
  basis: typology
  severity: high
  queue: fraud
  thresholds:
    - risk_bust_out_window_hours
    - risk_bust_out_min_payees
    - risk_bust_out_min_balance_share
    - risk_bust_out_min_history_days
  description: >-
    Per account of an individual with enough own history in the warehouse:
    within a sliding window, transfers to at least the minimum number of
    distinct payees the customer never paid before, together taking at
    least the given share of the balance the account held when the window
    began (a sharp break: months of savings leave in a day or two). The
    balance is the ledger's: today's balance less the completed flows
    since.
{%- endset -%}
    {%- set rules = [] -%}
    {%- for entry in fromyaml(catalogue) -%}
        {%- do rules.append({
            'rule_id': entry.rule_id,
            'rule_name': entry.name,
            'alert_type': entry.alert_type,
            'entity': entry.entity,
            'basis': entry.basis,
            'severity': entry.severity,
            'queue': entry.queue,
            'typology': entry.rule_id if entry.basis == 'typology' else none,
            'thresholds': entry.thresholds,
            'description': entry.description,
        }) -%}
    {%- endfor -%}
    {{ return(rules) }}
{%- endmacro %}


{# The catalogue entry of one rule (compile error for an unknown rule). #}
{% macro risk_rule(rule_id) -%}
    {%- for rule in risk_rule_catalogue() if rule.rule_id == rule_id -%}
        {{ return(rule) }}
    {%- endfor -%}
    {{ exceptions.raise_compiler_error('unknown risk rule: ' ~ rule_id) }}
{%- endmacro %}


{#
    The common head of every rule model's output: rule id and severity from
    the catalogue, and the deterministic alert id (a hash of the rule and
    the alert's entity and window keys; the same data give the same id).
#}
{% macro risk_alert_head(rule_id, key_columns) -%}
    {%- set rule = risk_rule(rule_id) -%}
    {%- set parts = ["'" ~ rule_id ~ "'"] -%}
    {%- for column in key_columns -%}
        {%- do parts.append("'|'") -%}
        {%- do parts.append(
            "coalesce(cast(" ~ column ~ " as string), '')"
        ) -%}
    {%- endfor -%}
    {{ dbt.hash(dbt.concat(parts)) }} as alert_id,
    '{{ rule_id }}' as rule_id,
    '{{ rule.alert_type }}' as alert_type,
    '{{ rule.severity }}' as severity,
    '{{ rule.entity }}' as entity_type
{%- endmacro %}


{# The rule ids of one queue of the catalogue ('fraud' or 'compliance'), as
   a SQL list literal for `rule_id in ...`. #}
{% macro risk_queue_rule_ids(queue) -%}
    {%- set ids = [] -%}
    {%- for rule in risk_rule_catalogue() if rule.queue == queue -%}
        {%- do ids.append(rule.rule_id) -%}
    {%- endfor -%}
    {%- if not ids -%}
        {{ exceptions.raise_compiler_error('no risk rule in queue ' ~ queue) }}
    {%- endif -%}
    {{ sql_string_list(ids) }}
{%- endmacro %}
