"""Vietnamese identity rules, checked on hand-computed cases and on draws."""

from __future__ import annotations

import numpy as np
import pytest

from seeds_generator.entities import identity
from seeds_generator.entities import vietnam as vn


@pytest.mark.parametrize(
    ("year", "female", "digit"),
    [
        (1995, False, 0),
        (1995, True, 1),
        (2003, False, 2),
        (2003, True, 3),
        (1900, False, 0),
        (1999, True, 1),
        (2000, False, 2),
        (2099, True, 3),
        (2100, False, 4),
        (1899, True, 9),
    ],
)
def test_cccd_century_digit(year, female, digit):
    got = identity.cccd_century_digit(np.array([year]), np.array([female]))
    assert got.tolist() == [digit]


def test_cccd_structure():
    rng = np.random.default_rng(7)
    province = np.array(["001", "079", "096"], dtype=object)
    years = np.array([1987, 2004, 1962])
    female = np.array([True, False, True])
    ids = identity.national_ids(rng, province, years, female)
    assert [i[:3] for i in ids] == ["001", "079", "096"]
    assert [i[3] for i in ids] == ["1", "2", "1"]
    assert [i[4:6] for i in ids] == ["87", "04", "62"]
    assert all(len(i) == 12 and i.isdigit() for i in ids)


@pytest.mark.parametrize(
    "code",
    # published tax codes of well-known Vietnamese enterprises
    ["0100109106", "0100112437", "0300588569"],
)
def test_tax_check_digit_on_published_codes(code):
    digits = np.array([[int(c) for c in code[:9]]])
    assert identity.tax_check_digit(digits).tolist() == [int(code[9])]


def test_generated_tax_codes_are_valid():
    codes = identity.tax_codes(np.random.default_rng(3), 2_000)
    assert all(len(c) == 10 and c.isdigit() for c in codes)
    digits = np.array([[int(c) for c in code[:9]] for code in codes])
    assert (identity.tax_check_digit(digits) == [int(c[9]) for c in codes]).all()


def test_phone_numbers_have_a_mobile_prefix():
    phones = identity.phone_numbers(np.random.default_rng(5), 5_000)
    assert all(len(p) == 10 and p.isdigit() and p[0] == "0" for p in phones)
    assert {p[:3] for p in phones} <= set(vn.MOBILE_PREFIXES)


def test_names_are_vietnamese_order_without_honorifics():
    female = np.random.default_rng(1).random(3_000) < 0.5
    names = identity.person_names(np.random.default_rng(2), female)
    surnames = {s for s, _ in vn.SURNAMES}
    honorifics = {"Ông", "Bà", "Cô", "Chị", "Anh", "Bác", "Quý", "Mr", "Mrs"}
    for name in names:
        parts = name.split(" ")
        assert len(parts) == 3
        assert parts[0] in surnames
        assert parts[0] not in honorifics
    # "Thị" is a female middle name only
    assert not any(n.split(" ")[1] == "Thị" for n, f in zip(names, female, strict=True) if not f)


def test_ascii_fold():
    assert identity.ascii_fold("Đặng Thị Hương") == "dang thi huong"
