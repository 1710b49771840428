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
