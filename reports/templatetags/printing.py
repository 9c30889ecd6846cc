"""Filters for the printed documents."""

from django import template
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe

from reports.documents.structure import Kept, Line

register = template.Library()
KEPT_AT_MOST = 30  # longer than any real document number: a longer one may break like any text


@register.filter
def date_line(header):
    """“Điện Biên, ngày 08 tháng 01 năm 2018” as Nghị định 30/2020 writes it: a day
    below 10 and the months 1 and 2 with a leading zero; blanks to fill in by hand
    when the date is not known yet."""
    if header.date is None:
        blank = "\u00a0" * 8  # filled in by hand when signed
        return f"{header.place}, ngày{blank}tháng{blank}năm {header.year}"
    day, month = header.date.day, header.date.month
    month_text = f"{month:02d}" if month < 3 else str(month)
    return f"{header.place}, ngày {day:02d} tháng {month_text} năm {header.date.year}"


@register.filter
def cell(value):
    """A table cell, escaped; the Kept pieces of a Line on one line each."""
    if isinstance(value, Kept) and len(value) <= KEPT_AT_MOST:
        return format_html('<span class="nowrap">{}</span>', value)
    if isinstance(value, Line):
        return mark_safe("".join(str(cell(piece)) if isinstance(piece, Kept) else escape(piece) for piece in value))  # noqa: S308 - every piece escaped
    return value
