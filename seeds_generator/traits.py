"""Stable per-entity traits derived from the seed and the entity's id.

A customer's activity level, favourite payees or usual hour do not live in
any table: they are a pure function of (seed, trait name, id), so a load
that continues an existing warehouse recovers them without replaying
history, and a customer added later gets traits the same way.
"""

from __future__ import annotations

import zlib

import numpy as np

_M1 = np.uint64(0xBF58476D1CE4E5B9)
_M2 = np.uint64(0x94D049BB133111EB)
_GOLDEN = np.uint64(0x9E3779B97F4A7C15)


def _mix(x: np.ndarray) -> np.ndarray:
    """splitmix64 finaliser: a fast, well-distributed 64-bit hash."""
    with np.errstate(over="ignore"):
        x = (x ^ (x >> np.uint64(30))) * _M1
        x = (x ^ (x >> np.uint64(27))) * _M2
        return x ^ (x >> np.uint64(31))


def hash64(seed: int, name: str, ids: np.ndarray) -> np.ndarray:
    salt = np.uint64((seed * 0x1000193 + zlib.crc32(name.encode())) & 0xFFFFFFFFFFFFFFFF)
    with np.errstate(over="ignore"):
        return _mix(np.asarray(ids).astype(np.uint64) * _GOLDEN + salt)


def uniform(seed: int, name: str, ids: np.ndarray) -> np.ndarray:
    """A uniform draw in [0, 1) per id, the same every time."""
    return (hash64(seed, name, ids) >> np.uint64(11)).astype(np.float64) / float(1 << 53)


def pareto_activity(seed: int, ids: np.ndarray, shape: float, cap: float = 50.0) -> np.ndarray:
    """Relative activity per customer: Pareto(shape) + 1, capped (mean about 2-3)."""
    u = uniform(seed, "activity", ids)
    return np.minimum((1.0 - u) ** (-1.0 / shape), cap)
