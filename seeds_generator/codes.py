"""Dictionaries behind the coded columns the generators pass around.

Generators carry small integer codes instead of Python strings (fast and
compact); the landing step turns them into Arrow dictionary arrays. Each
dictionary starts with the contract's values; values after them are outside
the contract and only ever produced by the data-quality defect injector.
"""

from __future__ import annotations

import numpy as np

from seeds_generator.contract import (
    AUTH_RESULTS,
    CHANNELS,
    LOGIN_RESULTS,
    TRANSACTION_STATUSES,
    TRANSACTION_TYPES,
)
from seeds_generator.entities import vietnam as vn

TYPES = (*TRANSACTION_TYPES, "bill_payment")  # last: unknown to the contract
CHANNEL_CODES = (*CHANNELS, "ussd")
STATUSES = (*TRANSACTION_STATUSES, "reversed")
CURRENCIES = ("VND", "USD")
AUTH_RESULT_CODES = (*AUTH_RESULTS, "timeout")
LOGIN_RESULT_CODES = (*LOGIN_RESULTS, "locked")
FAILURE_REASONS = ("wrong_otp", "biometric_mismatch", "otp_expired", "cancelled_by_user")
COUNTRIES = ("VN", "SG", "GB", "US", "JP", "KR", "CN", "TH", "AU", "DE")
MCCS = tuple(code for code, _ in vn.MERCHANT_CATEGORIES)

DESCRIPTIONS_BY_TYPE: dict[str, tuple[str, ...]] = {
    "inquiry": ("Van tin so du", "Tra cuu giao dich"),
    "transfer_same_bank_same_owner": ("Chuyen tien tiet kiem", "Chuyen sang tai khoan phu"),
    "transfer_same_bank_diff_owner": (
        "Chuyen tien",
        "Tra tien nha",
        "Gui tien me",
        "Tra no",
        "Chia tien an",
    ),
    "transfer_interbank_domestic": (
        "Chuyen khoan lien ngan hang",
        "Thanh toan hoa don",
        "Tra tien hang",
        "Chuyen tien",
    ),
    "transfer_interbank_international": (
        "Chuyen tien quoc te",
        "Hoc phi du hoc",
        "Thanh toan nha cung cap",
    ),
    "payment_goods_services": ("Thanh toan QR", "Thanh toan the", "Mua hang online"),
    "ewallet_topup": ("Nap tien vi", "Nap vi dien tu"),
    "ewallet_withdrawal": ("Rut tien tu vi",),
    "ewallet_transfer": ("Chuyen tien vi", "Thanh toan qua vi"),
}
EXTRA_DESCRIPTIONS = ("Tra luong thang", "Chia tien thue nha", "Hoan tien")
DESCRIPTIONS = tuple(
    dict.fromkeys(
        [d for options in DESCRIPTIONS_BY_TYPE.values() for d in options] + list(EXTRA_DESCRIPTIONS)
    )
)

TYPE = {name: i for i, name in enumerate(TYPES)}
CHANNEL = {name: i for i, name in enumerate(CHANNEL_CODES)}
STATUS = {name: i for i, name in enumerate(STATUSES)}
DESCRIPTION = {name: i for i, name in enumerate(DESCRIPTIONS)}
COUNTRY = {name: i for i, name in enumerate(COUNTRIES)}

# description codes available per transaction type code
DESCRIPTION_CHOICES: list[np.ndarray] = [
    np.array([DESCRIPTION[d] for d in DESCRIPTIONS_BY_TYPE.get(t, ("Chuyen tien",))]) for t in TYPES
]
