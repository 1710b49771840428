"""Authentication: the method catalogue, per-transaction attempts, logins.

The simulated bank asks for an authentication level the way a core system
would: from the transaction's own amount and type (and a biometric match on
a device switch), not from the day's running totals. That is close to, but
not exactly, SBV Decision 2345 (see docs/sbv2345.md), so the
classification marts find real non-compliance; a configurable share of
transactions is also confirmed with a weaker method than the bank asked for.
"""

from __future__ import annotations

import numpy as np

from seeds_generator import codes, traits
from seeds_generator import regulation as reg
from seeds_generator.config import Scenario
from seeds_generator.entities.population import SECOND, Columns
from seeds_generator.rng import weighted_index
from seeds_generator.state import BankState

T = codes.TYPE
STATUS = codes.STATUS
AUTH = {name: i for i, name in enumerate(codes.AUTH_RESULT_CODES)}
LOGIN = {name: i for i, name in enumerate(codes.LOGIN_RESULT_CODES)}
REASON = {name: i for i, name in enumerate(codes.FAILURE_REASONS)}

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
    """The level (0=A .. 3=D) the simulated bank asks for, from G alone (the
    rule book's bounds on G; T and Tksth are left out on purpose)."""
    g = amount
    low = np.isin(tx_type, [T["inquiry"], T["transfer_same_bank_same_owner"]])
    pay = tx_type == T["payment_goods_services"]
    intl = tx_type == T["transfer_interbank_international"]
    ind = np.select(
        [low, pay, intl],
        [
            0,
            np.select([g <= reg.I2_A_MAX, g <= reg.I2_B_MAX, g <= reg.I2_C_MAX], [0, 1, 2], 3),
            np.where(g <= reg.I4_B_MAX_AMOUNT, 1, 2),
        ],
        np.select([g <= reg.I3_B_MAX_AMOUNT, g <= reg.I3_C_MAX_AMOUNT], [1, 2], 3),
    )
    org = np.select(
        [low, intl],
        [0, np.where(g <= reg.II3_B_MAX_AMOUNT, 1, 2)],
        np.where(g <= reg.II2_B_MAX_AMOUNT, 1, 2),
    )
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
                if ok.size == 0:  # no biometric method at this level: the next level up
                    ok = np.flatnonzero((_ORG == org) & (min(lvl + 1, 3) == _LEVEL) & _BIO)
                out[mask] = ok[rng.integers(0, ok.size, mask.sum())]
    return out


def _repeats(counts: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Row ``i`` repeated ``counts[i]`` times, with a countdown k..1 per row."""
    counts = counts.astype(np.int64)
    rep = np.repeat(np.arange(counts.size), counts)
    first = np.repeat(np.cumsum(counts) - counts, counts)
    return rep, counts[rep] - (np.arange(rep.size) - first)


def device_switch(state: BankState, tx: Columns) -> np.ndarray:
    """True where an individual uses a device other than on their previous transaction.

    Compares with the previous transaction of the same customer that used a
    device, across days (``state.last_device``); updates that state.
    """
    n = tx["transaction_id"].size
    cust = state.customer_idx(tx["customer_id"])
    has_dev = tx["device_id"] >= 0
    order = np.lexsort((tx["transaction_id"], cust))
    order = order[has_dev[order]]
    c = cust[order]
    d = tx["device_id"][order]
    first_of_customer = np.concatenate([[True], c[1:] != c[:-1]]) if c.size else c.astype(bool)
    previous = np.where(
        first_of_customer, state.last_device[c], np.concatenate([[-1], d[:-1]]) if c.size else d
    )
    switched = np.zeros(n, dtype=bool)
    switched[order] = previous != d
    if c.size:
        last_rows = np.concatenate([c[1:] != c[:-1], [True]])
        state.last_device[c[last_rows]] = d[last_rows]
    return switched


def generate_auth_logs(
    s: Scenario, state: BankState, tx: Columns, rng: np.random.Generator
) -> Columns:
    n = tx["transaction_id"].size
    cust = state.customer_idx(tx["customer_id"])
    is_org = state.customers["customer_type"][cust] == "organization"
    tx_type = tx["transaction_type"]
    level = requested_level(tx_type, tx["amount"], is_org)
    # Decision 2345: a first / switched device needs a face match (I.2-I.4)
    switch = (
        device_switch(state, tx)
        & ~is_org
        & ~np.isin(tx_type, [T["inquiry"], T["transfer_same_bank_same_owner"]])
    )
    level = np.where(switch, np.maximum(level, 2), level)
    weak = rng.random(n) < s.authentication.weak_auth_share
    level = np.where(weak, level - 1, level)
    stronger = rng.random(n) < s.authentication.stronger_auth_share
    level = np.where(stronger, level + 1, level)
    level = np.clip(level + tx["_level_shift"], 0, 3)
    need_bio = (switch & ~weak) | tx["_force_bio"]
    method = _method_for(rng, level, is_org, need_bio & ~is_org)

    status = tx["status"]
    fails = tx["_failed_attempts"].astype(np.int64) + (
        rng.random(n) < s.authentication.failed_attempt_share
    )
    final_result = np.select(
        [status == STATUS["failed"], status == STATUS["cancelled"]],
        [np.where(rng.random(n) < 0.7, AUTH["failed"], AUTH["expired"]), AUTH["cancelled"]],
        AUTH["success"],
    )
    final_ts = tx["transaction_ts"] - rng.integers(3, 40, n) * SECOND
    # earlier failed attempts, each 15 s to 2 min before the next one
    rep, step = _repeats(fails)
    tx_idx = np.concatenate([np.arange(n), rep])
    result = np.concatenate([final_result, np.full(rep.size, AUTH["failed"])]).astype(np.int8)
    ts = np.concatenate([final_ts, final_ts[rep] - step * rng.integers(15, 120, rep.size) * SECOND])
    meth = np.concatenate([method, method[rep]])
    reason = np.select(
        [result == AUTH["failed"], result == AUTH["expired"], result == AUTH["cancelled"]],
        [
            np.where(_BIO[meth], REASON["biometric_mismatch"], REASON["wrong_otp"]),
            REASON["otp_expired"],
            REASON["cancelled_by_user"],
        ],
        -1,
    ).astype(np.int8)
    order = np.lexsort((tx_idx, ts))
    return {
        "transaction_id": tx["transaction_id"][tx_idx][order],
        "auth_method_id": (meth + 1).astype(np.int32)[order],
        "auth_result": result[order],
        "auth_ts": ts[order],
        "failure_reason": reason[order],
    }


def ip_addresses(
    seed: int, customer_id: np.ndarray, rng: np.random.Generator, foreign: np.ndarray
) -> np.ndarray:
    """IPv4 as uint32: Vietnamese carrier ranges, stable per customer but the last byte."""
    h = traits.hash64(seed, "ip", customer_id)
    first = np.array([113, 14, 27, 171, 116, 42], dtype=np.uint64)[(h % np.uint64(6)).astype(int)]
    second = np.uint64(160) + (h >> np.uint64(8)) % np.uint64(32)
    third = (h >> np.uint64(16)) % np.uint64(256)
    # a foreign hosting range for sessions an attacker opens
    first = np.where(foreign, np.uint64(185), first)
    second = np.where(foreign, (h >> np.uint64(24)) % np.uint64(256), second)
    fourth = rng.integers(1, 255, customer_id.size).astype(np.uint64)
    ip = (first << np.uint64(24)) | (second << np.uint64(16)) | (third << np.uint64(8)) | fourth
    return ip.astype(np.uint32)


def generate_logins(
    s: Scenario, state: BankState, tx: Columns, day_start: np.datetime64, rng: np.random.Generator
) -> Columns:
    """Logins before some transactions, failed attempts, and idle sessions."""
    online = tx["device_id"] >= 0
    forced = tx["_login_failures"] >= 0
    with_login = np.flatnonzero(
        online & ((rng.random(online.size) < s.authentication.login_per_transaction) | forced)
    )
    ok_ts = tx["transaction_ts"][with_login] - rng.integers(20, 900, with_login.size) * SECOND
    cust = tx["customer_id"][with_login]
    device = tx["device_id"][with_login]
    foreign = tx["_foreign_ip"][with_login]
    extra_fail = np.maximum(tx["_login_failures"][with_login], 0).astype(np.int64)

    ids = state.customers["customer_id"]
    active = state.customers["status"] == "active"
    n_idle = int(rng.poisson(active.sum() * s.authentication.idle_logins_per_day))
    idle_owner = (
        np.flatnonzero(active)[rng.integers(0, max(active.sum(), 1), n_idle)]
        if active.any()
        else np.zeros(0, dtype=np.int64)
    )
    order, offsets = state.owned("devices")
    has_device = offsets[idle_owner + 1] > offsets[idle_owner]
    idle_owner = idle_owner[has_device]
    idle_device = state.devices["device_id"][order[offsets[idle_owner]]]
    hour = weighted_index(rng, s.activity.hourly_profile, idle_owner.size)
    idle_ts = day_start + (hour * 3_600 + rng.integers(0, 3_600, idle_owner.size)) * SECOND

    cust = np.concatenate([cust, ids[idle_owner]])
    device = np.concatenate([device, idle_device])
    ts = np.concatenate([ok_ts, idle_ts])
    foreign = np.concatenate([foreign, np.zeros(idle_owner.size, dtype=bool)])
    fails = np.concatenate([extra_fail, np.zeros(idle_owner.size, dtype=np.int64)])
    fails = fails + (rng.random(cust.size) < s.authentication.login_failure_share)
    rep, step = _repeats(fails)
    all_ts = np.concatenate([ts, ts[rep] - step * rng.integers(10, 120, rep.size) * SECOND])
    src = np.concatenate([np.arange(cust.size), rep])
    result = np.concatenate(
        [np.full(cust.size, LOGIN["success"]), np.full(rep.size, LOGIN["failed"])]
    ).astype(np.int8)
    registered = state.customers["registration_date"][state.customer_idx(cust[src])]
    keep = all_ts >= registered
    order = np.lexsort((device[src], all_ts))
    order = order[keep[order]]
    src = src[order]
    return {
        "customer_id": cust[src],
        "device_id": device[src],
        "login_ts": all_ts[order],
        "result": result[order],
        "ip_address": ip_addresses(s.seed, cust[src], rng, foreign[src]),
    }
