"""Authentication: the method catalogue, per-transaction attempts, logins.

The simulated bank asks for an authentication level the way a core system
would: from the transaction's own amount and type (and a biometric match on
a device switch), not from the day's running totals. That is close to, but
not exactly, SBV Decision 2345 (see ../shared/design/SBV2345.md), so the
classification marts find real non-compliance; a configurable share of
transactions is also confirmed with a weaker method than the bank asked for.
"""

from __future__ import annotations

import numpy as np

from seeds_generator.config import Scenario
from seeds_generator.entities.population import SECOND, Columns, Population
from seeds_generator.rng import weighted_index

# (method_code, method_name, level, requires_biometric, customer_type)
METHODS: tuple[tuple[str, str, str, bool, str], ...] = (
    ("pin", "PIN", "A", False, "individual"),
    ("password", "Mật khẩu đăng nhập", "A", False, "individual"),
    ("sms_otp", "SMS OTP", "B", False, "individual"),
    ("email_otp", "Email OTP", "B", False, "individual"),
    ("soft_otp_basic", "Smart OTP cơ bản", "B", False, "individual"),
    ("soft_otp_advanced", "Smart OTP nâng cao", "B", False, "individual"),
    ("on_device_biometric", "Vân tay / khuôn mặt trên thiết bị", "B", False, "individual"),
    ("fido", "FIDO", "B", False, "individual"),
    ("sms_otp_biometric", "SMS OTP + sinh trắc học CCCD", "C", True, "individual"),
    ("soft_otp_basic_biometric", "Smart OTP cơ bản + sinh trắc học CCCD", "C", True, "individual"),
    ("e_signature_biometric", "Chữ ký điện tử + sinh trắc học CCCD", "C", True, "individual"),
    (
        "soft_otp_advanced_biometric",
        "Smart OTP nâng cao + sinh trắc học CCCD",
        "D",
        True,
        "individual",
    ),
    ("fido_biometric", "FIDO + sinh trắc học CCCD", "D", True, "individual"),
    ("password", "Mật khẩu đăng nhập", "A", False, "organization"),
    ("sms_otp", "SMS OTP", "B", False, "organization"),
    ("email_otp", "Email OTP", "B", False, "organization"),
    ("soft_token_basic", "Soft token cơ bản", "C", False, "organization"),
    ("hard_token_basic", "Hard token cơ bản", "C", False, "organization"),
    ("two_channel", "Xác thực hai kênh", "C", False, "organization"),
    ("e_signature", "Chữ ký điện tử", "C", False, "organization"),
    ("soft_token_advanced", "Soft token nâng cao", "D", False, "organization"),
    ("hard_token_advanced", "Hard token nâng cao", "D", False, "organization"),
    ("fido", "FIDO", "D", False, "organization"),
    ("secure_e_signature", "Chữ ký số an toàn", "D", False, "organization"),
)
LEVELS = "ABCD"
_LEVEL = np.array([LEVELS.index(m[2]) for m in METHODS])
_BIO = np.array([m[3] for m in METHODS])
_ORG = np.array([m[4] == "organization" for m in METHODS])

M = 1_000_000


def methods_table() -> Columns:
    return {
        "auth_method_id": np.arange(1, len(METHODS) + 1, dtype=np.int32),
        "method_code": np.array([m[0] for m in METHODS], dtype=object),
        "method_name": np.array([m[1] for m in METHODS], dtype=object),
        "security_level": np.array([m[2] for m in METHODS], dtype=object),
        "requires_biometric": _BIO.copy(),
        "customer_type": np.array([m[4] for m in METHODS], dtype=object),
    }


def requested_level(tx_type: np.ndarray, amount: np.ndarray, is_org: np.ndarray) -> np.ndarray:
    """The level (0=A .. 3=D) the simulated bank asks for, from G alone."""
    g = amount
    low = np.isin(tx_type, ["inquiry", "transfer_same_bank_same_owner"])
    pay = tx_type == "payment_goods_services"
    intl = tx_type == "transfer_interbank_international"
    ind = np.select(
        [low, pay, intl],
        [
            0,
            np.select([g <= 5 * M, g <= 100 * M, g <= 1_500 * M], [0, 1, 2], 3),
            np.where(g <= 200 * M, 1, 2),
        ],
        np.select([g <= 10 * M, g <= 500 * M], [1, 2], 3),
    )
    org = np.select([low, intl], [0, np.where(g <= 500 * M, 1, 2)], np.where(g <= 1_000 * M, 1, 2))
    return np.where(is_org, org, ind)


def _method_for(
    rng: np.random.Generator, level: np.ndarray, is_org: np.ndarray, need_bio: np.ndarray
) -> np.ndarray:
    """Index into METHODS of a method with that level for that customer type."""
    out = np.zeros(level.size, dtype=np.int64)
    for org in (False, True):
        for lvl in range(4):
            for bio in (False, True):
                mask = (is_org == org) & (level == lvl) & (need_bio == bio)
                if not mask.any():
                    continue
                ok = np.flatnonzero((_ORG == org) & (_LEVEL == lvl) & (_BIO | ~bio))
                if ok.size == 0:  # no such method (e.g. a biometric A): go up a level
                    ok = np.flatnonzero((_ORG == org) & (_LEVEL == min(lvl + 1, 3)))
                out[mask] = ok[rng.integers(0, ok.size, mask.sum())]
    return out


def generate_auth_logs(s: Scenario, tx: Columns, rng: np.random.Generator) -> Columns:
    n = tx["transaction_id"].size
    is_org = tx["_is_org"]
    level = requested_level(tx["transaction_type"], tx["amount"], is_org)
    # a transaction from a device other than the usual one asks for a face match
    switch = (
        (tx["_device_idx"] >= 0)
        & ~tx["_is_primary_device"]
        & ~is_org
        & (~np.isin(tx["transaction_type"], ["inquiry", "transfer_same_bank_same_owner"]))
    )
    level = np.where(switch, np.maximum(level, 2), level)
    weak = rng.random(n) < s.authentication.weak_auth_share
    level = np.where(weak, np.maximum(level - 1, 0), level)
    stronger = rng.random(n) < 0.08
    level = np.where(stronger, np.minimum(level + 1, 3), level)
    method = _method_for(rng, level, is_org, switch & ~weak)

    status = tx["status"]
    retry = rng.random(n) < s.authentication.failed_attempt_share
    final_result = np.select(
        [status == "failed", status == "cancelled"],
        [np.where(rng.random(n) < 0.7, "failed", "expired"), "cancelled"],
        "success",
    )
    lead = rng.integers(3, 40, n)
    final_ts = tx["transaction_ts"] - lead * SECOND
    first = np.flatnonzero(retry)
    tx_idx = np.concatenate([np.arange(n), first])
    result = np.concatenate([final_result, np.full(first.size, "failed", dtype=object)])
    ts = np.concatenate([final_ts, final_ts[first] - rng.integers(15, 120, first.size) * SECOND])
    meth = np.concatenate([method, method[first]])
    reason = np.select(
        [result == "failed", result == "expired", result == "cancelled"],
        [
            np.where(_BIO[meth], "biometric_mismatch", "wrong_otp"),
            "otp_expired",
            "cancelled_by_user",
        ],
        None,
    )
    order = np.lexsort((tx_idx, ts))
    return {
        "transaction_id": tx["transaction_id"][tx_idx][order],
        "auth_method_id": (meth + 1).astype(np.int32)[order],
        "auth_result": result.astype(object)[order],
        "auth_ts": ts[order],
        "failure_reason": reason.astype(object)[order],
    }


def _ip(rng: np.random.Generator, customer_idx: np.ndarray) -> np.ndarray:
    """Vietnamese carrier address space, stable per customer but for the last byte."""
    first = np.array([113, 14, 27, 171, 116, 42], dtype=np.int64)[customer_idx % 6]
    second = 160 + (customer_idx // 6) % 32
    third = (customer_idx // 192) % 256
    fourth = rng.integers(1, 255, customer_idx.size)
    parts = [p.astype(str).astype(object) for p in (first, second, third, fourth)]
    return parts[0] + "." + parts[1] + "." + parts[2] + "." + parts[3]


def generate_logins(
    s: Scenario,
    pop: Population,
    tx: Columns,
    rng: np.random.Generator,
    period_start,
    period_days: int,
) -> Columns:
    """Logins before some transactions, failed attempts, and idle sessions."""
    online = np.flatnonzero(tx["_device_idx"] >= 0)
    with_login = online[rng.random(online.size) < s.authentication.login_per_transaction]
    ok_ts = tx["transaction_ts"][with_login] - rng.integers(20, 900, with_login.size) * SECOND
    owner = tx["_owner_idx"][with_login]
    device = tx["_device_idx"][with_login]

    n_idle = int(pop.customers["customer_id"].size * period_days * 0.3)
    idle_owner = rng.integers(0, pop.customers["customer_id"].size, n_idle)
    idle_owner = idle_owner[pop.customers["status"][idle_owner] == "active"]
    idle_device = pop.device_offsets[idle_owner]
    hour = weighted_index(rng, s.activity.hourly_profile, idle_owner.size)
    idle_ts = (
        period_start
        + (
            rng.integers(0, period_days, idle_owner.size) * 86_400
            + hour * 3_600
            + rng.integers(0, 3_600, idle_owner.size)
        )
        * SECOND
    )

    owner = np.concatenate([owner, idle_owner])
    device = np.concatenate([device, idle_device])
    ts = np.concatenate([ok_ts, idle_ts])
    failed = np.flatnonzero(rng.random(owner.size) < s.authentication.login_failure_share)
    owner = np.concatenate([owner, owner[failed]])
    device = np.concatenate([device, device[failed]])
    ts = np.concatenate([ts, ts[failed] - rng.integers(10, 300, failed.size) * SECOND])
    result = np.concatenate(
        [
            np.full(ts.size - failed.size, "success", dtype=object),
            np.full(failed.size, "failed", dtype=object),
        ]
    )
    opened = pop.customers["registration_date"][owner]
    keep = ts >= opened
    order = np.lexsort((device, ts))
    order = order[keep[order]]
    return {
        "customer_id": pop.customers["customer_id"][owner][order],
        "device_id": pop.devices["device_id"][device][order],
        "login_ts": ts[order],
        "result": result[order],
        "ip_address": _ip(rng, owner[order]),
    }
