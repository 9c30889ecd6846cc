"""Numbers from a request. A query string or a posted form holds whatever text was sent: an id,
a year or a version in it is a whole number that a database column can hold, or it is none."""

# One set of bounds for every number a request carries: what a 32-bit integer column holds on
# both databases, so that no comparison or save with it can fail (SQLite cannot even compare a
# number past 64 bits). Ids, years and versions all stay far below it.
LOWEST, HIGHEST = 0, 2_147_483_647


def int_or_none(value):
    """`value` as an int, or None for anything else: text, a fraction, a number out of bounds."""
    try:
        number = int(value)
    except (TypeError, ValueError):
        return None
    return number if LOWEST <= number <= HIGHEST else None
