"""Dates and numbers as spreadsheet cells give them (core.sheets.parse_date, parse_number): text
“dd/mm/yyyy”, Excel serial numbers, decimal commas; each refusal a Vietnamese sentence."""

import datetime
from decimal import Decimal

import pytest
from django.utils import translation

from core.sheets import parse_date, parse_number


@pytest.fixture(autouse=True)
def vietnamese():
    with translation.override("vi"):
        yield


@pytest.mark.parametrize(
    "text, day",
    [
        ("13/01/2021", datetime.date(2021, 1, 13)),
        ("8/1/2018", datetime.date(2018, 1, 8)),
        ("08.01.2018", datetime.date(2018, 1, 8)),
        ("43108", datetime.date(2018, 1, 8)),  # Excel's serial of 08/01/2018
        ("44209", datetime.date(2021, 1, 13)),
        ("44209.0", datetime.date(2021, 1, 13)),
        ("", None),
    ],
)
def test_a_date_as_text_or_as_an_excel_serial(text, day):
    assert parse_date(text) == (day, None)


@pytest.mark.parametrize(
    "text, words",
    [
        ("13/13/2021", "không có thật"),
        ("31/02/2020", "không có thật"),
        ("01/01/1890", "1890"),
        ("1890", "1905"),  # a year typed where a date goes reads as the serial it is, and is refused
        ("2021-01-13", "dd/mm/yyyy"),
        ("=TODAY()", "dd/mm/yyyy"),
    ],
)
def test_a_bad_date_says_why(text, words):
    day, reason = parse_date(text)
    assert day is None and words in reason


@pytest.mark.parametrize(
    "text, value",
    [("9,5", Decimal("9.5")), ("9.5", Decimal("9.5")), ("60", Decimal("60")), (" 12,25 ", Decimal("12.25"))],
)
def test_a_number_with_a_decimal_comma_or_point(text, value):
    assert parse_number(text) == (value, None)


@pytest.mark.parametrize("text", ["năm", "1,000.5", "NaN", "Infinity", "9.555"])
def test_a_bad_number_says_why(text):
    value, reason = parse_number(text)
    assert value is None and text in reason
