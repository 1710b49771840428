"""The whole project on a warehouse that holds the raw contract and nothing of
the seeder: a hand-made bank of two customers, written row by row with the
contract's column names (docs/raw-contract.md), no fraud labels and no injected
defects (no ground truth).

`dbt build` of every node must pass on it, and the classification must match
the rule book (docs/sbv2345.md), computed here by hand:

customer 1, an individual, account 11, device 101, transfers between banks
(group I.3) on 2025-03-09, Vietnam local time:

| tx   | time  | G  | T   | Tksth | class | confirmed with | compliant           |
|------|-------|----|-----|-------|-------|----------------|---------------------|
| 1001 | 09:00 | 8M | 0   | 0     | B     | C + biometric  | yes (1)             |
| 1002 | 10:00 | 8M | 8M  | 0 (2) | B     | B              | yes                 |
| 1003 | 11:00 | 8M | 16M | 8M    | B     | B              | yes                 |
| 1004 | 12:00 | 8M | 24M | 16M   | C (3) | B              | weak_authentication |
| 1005 | 13:00 | 3M | 32M | 16M(4)| B     | B              | yes                 |
| 1006 | 14:00 | 5M | 0(5)| 0     | B     | B              | yes (6)             |

(1) the customer's first transaction on the device: a biometric match is
needed, and used. (2) 1001 was confirmed with a C method: Tksth restarts.
(3) 8M + 16M > 20M. (4) 1004 was class C, so it does not count, and its B
method resets nothing. (5) another account of the customer. (6) the same
device as the previous transaction.

customer 2, an organisation whose phone number is malformed, so the
quarantine rejects its row: its 2B transfer (group II.2, G > 1B) is class C
and compliant with a basic soft OTP (an organisation's C method) all the same,
for the rule book depends on who the customer is, not on its contact data.
"""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest
from conftest import query, run_dbt

from seeds_generator.contract import RAW_TABLES, create_table_sql

pytestmark = pytest.mark.e2e

LOADED = "2025-03-10 06:00:00"
DAY = "2025-03-09"
M = 1_000_000

CUSTOMERS = [
    {
        "customer_id": 1,
        "customer_type": "individual",
        "national_id": "001090012345",
        "full_name": "Nguyen Van An",
        "date_of_birth": "1990-01-01",
        "gender": "male",
        "phone_number": "0912345678",
        "email": "an@example.vn",
        "address": "1 Le Loi, Ha Noi",
        "province_code": "001",
    },
    {
        "customer_id": 2,
        "customer_type": "organization",
        "tax_code": "0101234565",
        "full_name": "Cong ty Binh Minh",
        # not 10 digits: bad_phone_format, the only defect of this warehouse
        "phone_number": "12345",
        "email": "lienhe@binhminh.vn",
        "address": "2 Tran Hung Dao, Ha Noi",
        "province_code": "001",
    },
]
ACCOUNTS = [(11, 1, "checking"), (12, 1, "savings"), (21, 2, "checking")]
DEVICES = [(101, 1, "mobile", "356938035643809"), (102, 2, "computer", "00:1A:2B:3C:4D:5E")]
METHODS = [
    (1, "pin", "A", False, "individual"),
    (2, "sms_otp", "B", False, "individual"),
    (3, "sms_otp_biometric", "C", True, "individual"),
    (4, "soft_otp_basic", "C", False, "organization"),
]
# transaction id, customer, account, device, amount, local time, method used
TRANSACTIONS = [
    (1001, 1, 11, 101, 8 * M, "09:00:00", 3),
    (1002, 1, 11, 101, 8 * M, "10:00:00", 2),
    (1003, 1, 11, 101, 8 * M, "11:00:00", 2),
    (1004, 1, 11, 101, 8 * M, "12:00:00", 2),
    (1005, 1, 11, 101, 3 * M, "13:00:00", 2),
    (1006, 1, 12, 101, 5 * M, "14:00:00", 2),
    (2001, 2, 21, 102, 2000 * M, "13:00:00", 4),
]
# transaction id: group, T before, Tksth before, class, achieved, biometric
# required, biometric used, new device, compliant, reason (all by hand)
EXPECTED = {
    1001: ("individual", "I.3", 0, 0, "B", "C", True, True, True, True, None),
    1002: ("individual", "I.3", 8 * M, 0, "B", "B", False, False, False, True, None),
    1003: ("individual", "I.3", 16 * M, 8 * M, "B", "B", False, False, False, True, None),
    1004: (
        "individual",
        "I.3",
        24 * M,
        16 * M,
        "C",
        "B",
        True,
        False,
        False,
        False,
        "weak_authentication",
    ),
    1005: ("individual", "I.3", 32 * M, 16 * M, "B", "B", False, False, False, True, None),
    1006: ("individual", "I.3", 0, 0, "B", "B", False, False, False, True, None),
    # Tksth is defined for I.3 only; the device is new to the customer (the
    # biometric rule for it is an individual's, so not required here)
    2001: ("organization", "II.2", 0, None, "C", "C", False, False, True, True, None),
}


def insert(con: duckdb.DuckDBPyConnection, table: str, rows: list[dict]) -> None:
    """Insert rows by column name; the audit columns are those of load 1."""
    for row in rows:
        row = {**row, "_batch_id": 1, "_loaded_at": LOADED}
        columns = ", ".join(row)
        marks = ", ".join("?" for _ in row)
        con.execute(
            f"insert into raw.{table} ({columns}) values ({marks})",  # noqa: S608
            list(row.values()),
        )


def land_contract_bank(db: Path) -> None:
    con = duckdb.connect(str(db))
    con.execute("create schema raw")
    for table in RAW_TABLES:
        con.execute(create_table_sql(table))
    since = "2024-01-02 08:00:00"
    insert(
        con,
        "banks",
        [
            {
                "bank_id": 1,
                "bank_code": "VCB",
                "bank_name": "Vietcombank",
                "is_domestic": True,
                "is_self": True,
            },
            {
                "bank_id": 2,
                "bank_code": "TCB",
                "bank_name": "Techcombank",
                "is_domestic": True,
                "is_self": False,
            },
        ],
    )
    insert(
        con,
        "customers",
        [
            {
                **c,
                "registration_date": since,
                "status": "active",
                "created_at": since,
                "updated_at": since,
            }
            for c in CUSTOMERS
        ],
    )
    insert(
        con,
        "bank_accounts",
        [
            {
                "account_id": account,
                "customer_id": customer,
                "account_number": f"10000000{account}",
                "account_type": kind,
                "currency": "VND",
                "balance": 9_000 * M,
                "status": "active",
                "opened_at": since,
                "created_at": since,
                "updated_at": since,
            }
            for account, customer, kind in ACCOUNTS
        ],
    )
    insert(
        con,
        "devices",
        [
            {
                "device_id": device,
                "customer_id": customer,
                "device_type": kind,
                "device_identifier": identifier,
                "os_info": "Android 14" if kind == "mobile" else "Windows 11",
                "is_trusted": True,
                "status": "active",
                "first_seen": since,
                "last_seen": f"{DAY} 08:00:00",
                "created_at": since,
                "updated_at": since,
            }
            for device, customer, kind, identifier in DEVICES
        ],
    )
    insert(
        con,
        "authentication_methods",
        [
            {
                "auth_method_id": method,
                "method_code": code,
                "method_name": code.replace("_", " "),
                "security_level": level,
                "requires_biometric": biometric,
                "customer_type": customer_type,
            }
            for method, code, level, biometric, customer_type in METHODS
        ],
    )
    insert(
        con,
        "payment_transactions",
        [
            {
                "transaction_id": tx,
                "customer_id": customer,
                "from_account_id": account,
                "device_id": device,
                "transaction_type": "transfer_interbank_domestic",
                "channel": "mobile_app",
                "amount": amount,
                "currency": "VND",
                "counterparty_country": "VN",
                "transaction_ts": f"{DAY} {time}",
                "status": "completed",
            }
            for tx, customer, account, device, amount, time, _ in TRANSACTIONS
        ],
    )
    insert(
        con,
        "authentication_logs",
        [
            {
                "auth_log_id": tx,
                "transaction_id": tx,
                "auth_method_id": method,
                "auth_result": "success",
                # ten seconds before the transaction (every one is on the hour)
                "auth_ts": f"{DAY} {int(time[:2]) - 1:02d}:59:50",
            }
            for tx, _, _, _, _, time, method in TRANSACTIONS
        ],
    )
    con.close()


@pytest.fixture(scope="module")
def contract_bank(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("contract_only")
    db = folder / "bank.duckdb"
    land_contract_bank(db)
    built = run_dbt(db, folder, "build")
    assert built.returncode == 0, built.stdout[-6000:]
    return db


def test_classification_matches_the_rule_book_by_hand(contract_bank):
    rows = query(
        contract_bank,
        """
        select transaction_id, customer_type, transaction_group,
               daily_group_total_before, tksth_before, required_auth_level,
               achieved_auth_level, requires_biometric, has_biometric_auth,
               is_new_device_transaction, is_compliant, non_compliance_reason
        from marts.fct_transaction_classification
        """,
    )
    # Decimal amounts compare equal to the int ones
    got = {r[0]: r[1:] for r in rows}
    assert got == EXPECTED


def test_rejected_customer_is_visible_and_still_classified(contract_bank):
    rejected = query(
        contract_bank,
        "select table_name, record_key, rejection_reason from marts.fct_dq_rejected_records",
    )
    assert rejected == [("customers", "2", "bad_phone_format")]
    # out of the dimensions, in the classification
    assert query(contract_bank, "select customer_id from marts.dim_customers") == [(1,)]
    assert query(
        contract_bank,
        "select customer_id, customer_type, has_rejected_record "
        "from staging.stg_core_banking__customer_types order by 1",
    ) == [(1, "individual", False), (2, "organization", True)]


def test_a_defect_without_ground_truth_is_not_a_false_detection(contract_bank):
    rows = query(
        contract_bank,
        "select table_name, defect_type, injected_rows, rejected_rows, false_detections, "
        "recall, detection_precision from marts.fct_dq_defect_detection",
    )
    assert rows == [("customers", "bad_phone_format", 0, 1, None, None, None)]


def test_daily_summaries_by_hand(contract_bank):
    bank_day = query(
        contract_bank,
        """
        select active_customer_count, active_account_count, transaction_count,
               completed_count, total_amount, largest_amount, class_b_count,
               class_c_count, class_c_amount, group_i3_count, group_ii2_count,
               has_strong_authentication, compliant_count, non_compliant_count,
               requires_biometric_count, new_device_transaction_count,
               compliance_rate
        from marts.fct_daily_bank_kpis
        """,
    )
    # 7 transactions: 8M x 4 + 3M + 5M + 2B; B: 1001-1003, 1005, 1006;
    # C: 1004 (8M) and 2001 (2B); 1004 the one not compliant; biometric
    # required for 1001 and 1004; new devices: 1001 and 2001
    assert bank_day == [
        (2, 3, 7, 7, 2040 * M, 2000 * M, 5, 2, 2008 * M, 6, 1, True, 6, 1, 2, 2, 6 / 7)
    ]
    accounts = query(
        contract_bank,
        """
        select from_account_id, customer_type, transaction_count, total_amount,
               largest_amount, class_b_amount, class_c_amount,
               has_strong_authentication, compliant_count, non_compliant_count
        from marts.fct_daily_account_summary
        order by from_account_id
        """,
    )
    assert accounts == [
        (11, "individual", 5, 35 * M, 8 * M, 27 * M, 8 * M, True, 4, 1),
        (12, "individual", 1, 5 * M, 5 * M, 5 * M, 0, False, 1, 0),
        (21, "organization", 1, 2000 * M, 2000 * M, 0, 2000 * M, True, 1, 0),
    ]
