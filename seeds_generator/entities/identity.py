"""Vectorised Vietnamese identities: CCCD numbers, phones, tax codes, names.

Every function takes a seeded ``numpy.random.Generator`` and returns numpy
arrays, one element per person; there is no loop per person.
"""

from __future__ import annotations

import unicodedata

import numpy as np

from seeds_generator.entities import vietnam as vn


def _digits(rng: np.random.Generator, n: int, width: int) -> np.ndarray:
    """``n`` zero-padded strings of ``width`` random decimal digits."""
    values = rng.integers(0, 10**width, size=n, dtype=np.int64)
    return np.char.zfill(values.astype(str), width)


def _weighted_choice(
    rng: np.random.Generator, items: tuple[tuple[str, float], ...], n: int
) -> np.ndarray:
    names = np.array([name for name, _ in items], dtype=object)
    weights = np.array([w for _, w in items], dtype=float)
    return names[rng.choice(len(names), size=n, p=weights / weights.sum())]


def province_codes(rng: np.random.Generator, n: int) -> np.ndarray:
    """Province codes drawn with population weights."""
    return _weighted_choice(rng, tuple((c, w) for c, _, w in vn.PROVINCES), n)


def province_names(codes: np.ndarray) -> np.ndarray:
    lookup = {code: name for code, name, _ in vn.PROVINCES}
    return np.array([lookup[c] for c in codes], dtype=object)


def cccd_century_digit(birth_year: np.ndarray, is_female: np.ndarray) -> np.ndarray:
    """Fourth CCCD digit: century of birth and gender (Circular 59/2021/TT-BCA).

    1900-1999 -> 0 male / 1 female, 2000-2099 -> 2 / 3, 2100-2199 -> 4 / 5,
    2200-2299 -> 6 / 7, 1800-1899 -> 8 / 9.
    """
    century = birth_year // 100
    base = np.select(
        [century == 19, century == 20, century == 21, century == 22, century == 18],
        [0, 2, 4, 6, 8],
        default=-1,
    )
    if (base < 0).any():
        raise ValueError("birth year outside 1800-2299 has no CCCD century digit")
    return base + is_female.astype(np.int64)


def national_ids(
    rng: np.random.Generator,
    province: np.ndarray,
    birth_year: np.ndarray,
    is_female: np.ndarray,
) -> np.ndarray:
    """12-digit CCCD: province (3) + gender/century (1) + birth year (2) + 6 digits."""
    n = len(province)
    digit = cccd_century_digit(birth_year, is_female).astype(str)
    yy = np.char.zfill((birth_year % 100).astype(str), 2)
    out = np.char.add(province.astype(str), digit)
    out = np.char.add(out, yy)
    return np.char.add(out, _digits(rng, n, 6)).astype(object)


def phone_numbers(rng: np.random.Generator, n: int) -> np.ndarray:
    """10-digit mobile numbers with a prefix in service (e.g. 0912345678)."""
    prefixes = np.array(vn.MOBILE_PREFIXES)
    chosen = prefixes[rng.integers(0, len(prefixes), size=n)]
    return np.char.add(chosen, _digits(rng, n, 7)).astype(object)


def tax_check_digit(first_nine: np.ndarray) -> np.ndarray:
    """Check digit of a 10-digit tax code; -1 where no valid digit exists.

    ``first_nine`` is an (n, 9) integer array of digits. The tenth digit is
    10 - (sum of weighted digits mod 11); a result of 10 or 11 is invalid.
    """
    weighted = (first_nine * np.array(vn.TAX_CODE_WEIGHTS)).sum(axis=1)
    check = 10 - (weighted % 11)
    return np.where(check >= 10, -1, check)


def tax_codes(rng: np.random.Generator, n: int) -> np.ndarray:
    """Valid 10-digit enterprise tax codes (first two digits: a tax office)."""
    # draw extra: about 1 in 11 nine-digit prefixes has no valid check digit
    m = int(n * 1.2) + 16
    while True:
        digits = rng.integers(0, 10, size=(m, 9))
        office = rng.integers(1, 97, size=m)
        digits[:, 0] = office // 10
        digits[:, 1] = office % 10
        check = tax_check_digit(digits)
        ok = np.flatnonzero(check >= 0)
        if ok.size >= n:
            break
        m *= 2
    ok = ok[:n]
    value = (digits[ok] * 10 ** np.arange(9, 0, -1)).sum(axis=1) + check[ok]
    return np.char.zfill(value.astype(str), 10).astype(object)


def person_names(rng: np.random.Generator, is_female: np.ndarray) -> np.ndarray:
    """Full names in Vietnamese order: family name, middle name, given name."""
    n = len(is_female)
    surname = _weighted_choice(rng, vn.SURNAMES, n)
    mid_m = np.array(vn.MIDDLE_NAMES_MALE, dtype=object)
    mid_f = np.array(vn.MIDDLE_NAMES_FEMALE, dtype=object)
    giv_m = np.array(vn.GIVEN_NAMES_MALE, dtype=object)
    giv_f = np.array(vn.GIVEN_NAMES_FEMALE, dtype=object)
    middle = np.where(
        is_female,
        mid_f[rng.integers(0, len(mid_f), n)],
        mid_m[rng.integers(0, len(mid_m), n)],
    )
    given = np.where(
        is_female,
        giv_f[rng.integers(0, len(giv_f), n)],
        giv_m[rng.integers(0, len(giv_m), n)],
    )
    return surname + " " + middle + " " + given


def company_names(rng: np.random.Generator, n: int) -> np.ndarray:
    forms = np.array(vn.COMPANY_FORMS, dtype=object)
    words = np.array(vn.COMPANY_WORDS, dtype=object)
    brands = np.array(vn.COMPANY_BRANDS, dtype=object)
    return (
        forms[rng.integers(0, len(forms), n)]
        + " "
        + words[rng.integers(0, len(words), n)]
        + " "
        + brands[rng.integers(0, len(brands), n)]
    )


def ascii_fold(text: str) -> str:
    """Lower-case ASCII form of a Vietnamese string (đ -> d, accents removed)."""
    text = text.replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower()


def emails(rng: np.random.Generator, names: np.ndarray, ids: np.ndarray) -> np.ndarray:
    """Addresses built from the folded given and family name and the id (unique)."""
    unique, inverse = np.unique(names.astype(str), return_inverse=True)
    folded = []
    for name in unique:  # distinct names (a few thousand), not one per customer
        parts = ascii_fold(name).split()
        folded.append("".join(parts[-1:] + parts[:1]))
    domains = np.array(vn.EMAIL_DOMAINS, dtype=object)
    dom = domains[rng.integers(0, len(domains), len(names))]
    return (
        np.array(folded, dtype=object)[inverse] + "." + ids.astype(str).astype(object) + "@" + dom
    )


def street_addresses(rng: np.random.Generator, province: np.ndarray) -> np.ndarray:
    """'12 Nguyễn Trãi, Phường An Bình, Hà Nội': consistent with the province code."""
    from faker.providers.address.vi_VN import Provider as Address

    n = len(province)
    streets = np.array(Address.streets, dtype=object)
    communes = np.array(Address.communes, dtype=object)
    numbers = rng.integers(1, 400, n).astype(str).astype(object)
    kind = np.where(rng.random(n) < 0.6, "Phường ", "Xã ").astype(object)
    return (
        numbers
        + " "
        + streets[rng.integers(0, len(streets), n)]
        + ", "
        + kind
        + communes[rng.integers(0, len(communes), n)]
        + ", "
        + province_names(province)
    )
