"""Vietnamese text helpers: diacritic-free folding for search, and a sort key.

Both are computed in Python and stored, so that SQLite and PostgreSQL search and
order agencies the same way, whatever collation the database was created with.
"""

import re
import unicodedata

_MARKS = re.compile(r"[\u0300-\u036f]")
_SPACES = re.compile(r"\s+")


def fold(text):
    """Lower case, no diacritics, "đ" read as "d": "Bảo hiểm" -> "bao hiem"."""
    text = unicodedata.normalize("NFD", text or "").lower()
    text = _MARKS.sub("", text).replace("đ", "d")
    return _SPACES.sub(" ", text).strip()


# Vietnamese alphabetical order, with the letters Vietnamese borrows (f j w z)
# where an ordinary dictionary puts them.
_ALPHABET = [
    *"0123456789",
    "a",
    "ă",
    "â",
    "b",
    "c",
    "d",
    "đ",
    "e",
    "ê",
    "f",
    "g",
    "h",
    "i",
    "j",
    "k",
    "l",
    "m",
    "n",
    "o",
    "ô",
    "ơ",
    "p",
    "q",
    "r",
    "s",
    "t",
    "u",
    "ư",
    "v",
    "w",
    "x",
    "y",
    "z",
]
_LETTER_CODE = {letter: f"{index + 10:03d}" for index, letter in enumerate(_ALPHABET)}
_SEPARATOR = "001"  # spaces and punctuation: before every letter
_END = "000"  # ends the letters: "Sở Y" sorts before "Sở Y tế"

# Vowel marks change the letter (a, ă, â); tone marks only break ties.
_QUALITY = {"\u0306": "\u0306", "\u0302": "\u0302", "\u031b": "\u031b"}
# Tones in dictionary order: level, huyền, hỏi, ngã, sắc, nặng.
_TONE = {"\u0300": "1", "\u0309": "2", "\u0303": "3", "\u0301": "4", "\u0323": "5"}


def sort_key(text):
    """A string of digits whose plain order is Vietnamese alphabetical order.

    Digits only, so that every database collation orders it the same way.
    """
    letters, tones = [], []
    previous_was_separator = True
    for char in (text or "").lower():
        decomposed = unicodedata.normalize("NFD", char)
        base, marks = decomposed[0], decomposed[1:]
        letter = unicodedata.normalize("NFC", base + "".join(m for m in marks if m in _QUALITY))
        code = _LETTER_CODE.get(letter)
        if code is None:
            if not previous_was_separator:
                letters.append(_SEPARATOR)
            previous_was_separator = True
            continue
        previous_was_separator = False
        letters.append(code)
        tones.append(next((_TONE[m] for m in marks if m in _TONE), "0"))
    while letters and letters[-1] == _SEPARATOR:
        letters.pop()
    return "".join(letters) + _END + "".join(tones)
