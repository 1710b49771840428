"""One seed drives everything: named, independent child generators.

Each part of the simulation draws from its own generator derived from the
scenario seed and a stable name, so adding draws to one part never shifts
the numbers of another.
"""

from __future__ import annotations

import zlib

import numpy as np


def child_rng(seed: int, name: str, *extra: int) -> np.random.Generator:
    """A generator for ``name`` (and optional integers, e.g. a batch id)."""
    return np.random.default_rng([seed, zlib.crc32(name.encode("utf-8")), *extra])


def weighted_index(rng: np.random.Generator, weights, size: int) -> np.ndarray:
    """``size`` draws of an index with probability proportional to ``weights``."""
    cdf = np.cumsum(np.asarray(weights, dtype=float))
    idx = np.searchsorted(cdf, rng.random(size) * cdf[-1], side="right")
    return np.minimum(idx, cdf.size - 1)


def scatter_unique(values: np.ndarray, modulus: int, multiplier: int) -> np.ndarray:
    """A bijection of ``values`` onto [0, modulus): unique, random-looking ids.

    ``multiplier`` must be coprime with ``modulus`` (odd and not a multiple
    of 5 for powers of ten), so distinct inputs stay distinct.
    """
    return (values.astype(np.int64) * multiplier + 7_919) % modulus


# ---------------------------------------------------------------------------
# counter-based draws: a pure function of (seed, stream, key)
#
# A generator's draws depend on how many came before; these do not. A draw
# for a key (a case id, a customer) is the same whichever load makes it and
# whatever else is drawn with it, so a row derived again by a later load
# comes out the same.

_U64 = np.uint64
_MASK = (1 << 64) - 1
_FNV_OFFSET = _U64(0xCBF29CE484222325)
_FNV_PRIME = _U64(0x100000001B3)


def splitmix64(values) -> np.ndarray:
    """The splitmix64 finaliser of each value, as unsigned 64-bit integers."""
    z = np.asarray(values).astype(_U64)  # an int64 wraps to its two's complement
    with np.errstate(over="ignore"):
        z = z + _U64(0x9E3779B97F4A7C15)
        z = (z ^ (z >> _U64(30))) * _U64(0xBF58476D1CE4E5B9)
        z = (z ^ (z >> _U64(27))) * _U64(0x94D049BB133111EB)
    return z ^ (z >> _U64(31))


def hash_strings(values) -> np.ndarray:
    """FNV-1a (64-bit) of each text's UTF-8 bytes: a stable integer key for
    a text id (Python's own ``hash`` changes from run to run). Vectorised
    over the texts; the loop runs over byte positions only."""
    encoded = np.char.encode(np.asarray(values, dtype=str), "utf-8")
    n, width = encoded.size, encoded.dtype.itemsize
    out = np.full(n, _FNV_OFFSET, dtype=_U64)
    if n == 0 or width == 0:
        return out
    data = np.frombuffer(encoded.tobytes(), dtype=np.uint8).reshape(n, width)
    lengths = np.char.str_len(encoded)
    with np.errstate(over="ignore"):
        for i in range(width):
            mixed = (out ^ data[:, i].astype(_U64)) * _FNV_PRIME
            out = np.where(i < lengths, mixed, out)
    return out


def hash_draws(seed: int, stream: str, *keys) -> np.ndarray:
    """64 random-looking bits per row of ``keys`` (equal-length integer
    arrays), a pure function of the seed, the stream's name and the key."""
    start = splitmix64(np.array([(seed & _MASK) ^ zlib.crc32(stream.encode("utf-8"))]))
    h = np.broadcast_to(start, np.asarray(keys[0]).shape).copy()
    for key in keys:
        h = splitmix64(h ^ np.asarray(key).astype(_U64))
    return h


def hash_uniform(seed: int, stream: str, *keys) -> np.ndarray:
    """A uniform draw in [0, 1) per row of ``keys`` (see hash_draws)."""
    return (hash_draws(seed, stream, *keys) >> _U64(11)).astype(np.float64) * 2.0**-53


def hash_integers(seed: int, stream: str, low: int, high: int, *keys) -> np.ndarray:
    """A uniform integer in [low, high], both included, per row of ``keys``."""
    u = hash_uniform(seed, stream, *keys)
    return low + np.minimum((u * (high - low + 1)).astype(np.int64), high - low)
