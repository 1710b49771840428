"""The raw landing contract (docs/raw-contract.md) as data.

This module is the single Python description of the tables the seeder lands
in schema ``raw``. Column order here is the order written to DuckDB.
"""

from __future__ import annotations

CONTRACT_VERSION = 1
RAW_SCHEMA = "raw"

_AUDIT = [("_batch_id", "INTEGER"), ("_loaded_at", "TIMESTAMP")]

RAW_TABLES: dict[str, list[tuple[str, str]]] = {
    "banks": [
        ("bank_id", "INTEGER"),
        ("bank_code", "VARCHAR"),
        ("bank_name", "VARCHAR"),
        ("is_domestic", "BOOLEAN"),
        ("is_self", "BOOLEAN"),
    ],
    "customers": [
        ("customer_id", "BIGINT"),
        ("customer_type", "VARCHAR"),
        ("national_id", "VARCHAR"),
        ("tax_code", "VARCHAR"),
        ("full_name", "VARCHAR"),
        ("date_of_birth", "DATE"),
        ("gender", "VARCHAR"),
        ("phone_number", "VARCHAR"),
        ("email", "VARCHAR"),
        ("address", "VARCHAR"),
        ("province_code", "VARCHAR"),
        ("registration_date", "TIMESTAMP"),
        ("status", "VARCHAR"),
        ("created_at", "TIMESTAMP"),
        ("updated_at", "TIMESTAMP"),
    ],
    "bank_accounts": [
        ("account_id", "BIGINT"),
        ("customer_id", "BIGINT"),
        ("account_number", "VARCHAR"),
        ("account_type", "VARCHAR"),
        ("currency", "VARCHAR"),
        ("balance", "DECIMAL(18,2)"),
        ("status", "VARCHAR"),
        ("opened_at", "TIMESTAMP"),
        ("created_at", "TIMESTAMP"),
        ("updated_at", "TIMESTAMP"),
    ],
    "devices": [
        ("device_id", "BIGINT"),
        ("customer_id", "BIGINT"),
        ("device_type", "VARCHAR"),
        ("device_identifier", "VARCHAR"),
        ("os_info", "VARCHAR"),
        ("is_trusted", "BOOLEAN"),
        ("status", "VARCHAR"),
        ("first_seen", "TIMESTAMP"),
        ("last_seen", "TIMESTAMP"),
        ("created_at", "TIMESTAMP"),
        ("updated_at", "TIMESTAMP"),
    ],
    "authentication_methods": [
        ("auth_method_id", "INTEGER"),
        ("method_code", "VARCHAR"),
        ("method_name", "VARCHAR"),
        ("security_level", "VARCHAR"),
        ("requires_biometric", "BOOLEAN"),
        ("customer_type", "VARCHAR"),
    ],
    "other_bank_customers": [
        ("counterparty_id", "BIGINT"),
        ("bank_id", "INTEGER"),
        ("full_name", "VARCHAR"),
        ("national_id", "VARCHAR"),
        ("country_code", "VARCHAR"),
    ],
    "other_bank_accounts": [
        ("external_account_id", "BIGINT"),
        ("counterparty_id", "BIGINT"),
        ("bank_id", "INTEGER"),
        ("account_number", "VARCHAR"),
    ],
    "login_events": [
        ("login_id", "BIGINT"),
        ("customer_id", "BIGINT"),
        ("device_id", "BIGINT"),
        ("login_ts", "TIMESTAMP"),
        ("result", "VARCHAR"),
        ("ip_address", "VARCHAR"),
    ],
    "payment_transactions": [
        ("transaction_id", "BIGINT"),
        ("customer_id", "BIGINT"),
        ("from_account_id", "BIGINT"),
        ("to_account_internal_id", "BIGINT"),
        ("to_account_external_id", "BIGINT"),
        ("device_id", "BIGINT"),
        ("transaction_type", "VARCHAR"),
        ("channel", "VARCHAR"),
        ("amount", "DECIMAL(18,2)"),
        ("currency", "VARCHAR"),
        ("merchant_category", "VARCHAR"),
        ("counterparty_country", "VARCHAR"),
        ("description", "VARCHAR"),
        ("transaction_ts", "TIMESTAMP"),
        ("status", "VARCHAR"),
    ],
    "authentication_logs": [
        ("auth_log_id", "BIGINT"),
        ("transaction_id", "BIGINT"),
        ("auth_method_id", "INTEGER"),
        ("auth_result", "VARCHAR"),
        ("auth_ts", "TIMESTAMP"),
        ("failure_reason", "VARCHAR"),
    ],
    "fraud_labels": [
        ("transaction_id", "BIGINT"),
        ("typology", "VARCHAR"),
        ("case_id", "BIGINT"),
        ("role", "VARCHAR"),
    ],
    "dq_injected_defects": [
        ("table_name", "VARCHAR"),
        ("record_key", "VARCHAR"),
        ("defect_type", "VARCHAR"),
    ],
    "case_dispositions": [
        ("case_id", "VARCHAR"),
        ("customer_id", "BIGINT"),
        ("decision", "VARCHAR"),
        ("decided_at", "TIMESTAMP"),
    ],
    "fraud_complaints": [
        ("complaint_id", "BIGINT"),
        ("customer_id", "BIGINT"),
        ("transaction_id", "BIGINT"),
        ("reported_at", "TIMESTAMP"),
    ],
}
for _cols in RAW_TABLES.values():
    _cols.extend(_AUDIT)

PRIMARY_KEYS: dict[str, tuple[str, ...]] = {
    "banks": ("bank_id",),
    "customers": ("customer_id",),
    "bank_accounts": ("account_id",),
    "devices": ("device_id",),
    "authentication_methods": ("auth_method_id",),
    "other_bank_customers": ("counterparty_id",),
    "other_bank_accounts": ("external_account_id",),
    "login_events": ("login_id",),
    "payment_transactions": ("transaction_id",),
    "authentication_logs": ("auth_log_id",),
    "fraud_labels": ("transaction_id", "typology", "case_id"),
    "dq_injected_defects": ("table_name", "record_key", "defect_type"),
    "case_dispositions": ("case_id",),
    "fraud_complaints": ("complaint_id",),
}

TRANSACTION_TYPES = (
    "inquiry",
    "transfer_same_bank_same_owner",
    "transfer_same_bank_diff_owner",
    "transfer_interbank_domestic",
    "transfer_interbank_international",
    "payment_goods_services",
    "ewallet_topup",
    "ewallet_withdrawal",
    "ewallet_transfer",
)
CHANNELS = ("mobile_app", "internet_banking", "atm", "pos")
TRANSACTION_STATUSES = ("pending", "completed", "failed", "cancelled")
AUTH_RESULTS = ("success", "failed", "expired", "cancelled")
CUSTOMER_TYPES = ("individual", "organization")
CUSTOMER_STATUSES = ("active", "inactive", "suspended")
ACCOUNT_TYPES = ("savings", "checking", "ewallet")
ACCOUNT_STATUSES = ("active", "inactive", "frozen")
DEVICE_TYPES = ("mobile", "computer", "tablet")
DEVICE_STATUSES = ("active", "blocked", "suspicious")
LOGIN_RESULTS = ("success", "failed")
CASE_DECISIONS = ("confirmed_fraud", "false_positive")


def create_table_sql(table: str, schema: str = RAW_SCHEMA) -> str:
    cols = ",\n    ".join(f"{name} {typ}" for name, typ in RAW_TABLES[table])
    return f"create table {schema}.{table} (\n    {cols}\n)"
