"""Reading back the PDFs we print."""

import io
import re

from pypdf import PdfReader

A4 = (595.28, 841.89)  # points


def pdf_text(data):
    """The text of every page, and the reader, of a PDF given as bytes."""
    reader = PdfReader(io.BytesIO(data))
    return "\n".join(page.extract_text() for page in reader.pages), reader


def squash(text):
    """Text with every run of whitespace as one space, and a word broken after its hyphen
    at a line end joined again (215/QĐ-|UBND): PDF text comes in printed lines."""
    return re.sub(r"(?<=\S)- (?=\S)", "-", " ".join(text.split()))


MM = 25.4 / 72  # millimetres in a point


def placed_lines(data):
    """Each page of a PDF as a list of (text, left, baseline, size): where each run of text
    starts, in mm from the page's top-left corner, and its size in points. The page's
    (width, height) in mm too, as [(size, lines)]."""
    reader = PdfReader(io.BytesIO(data))
    pages = []
    for page in reader.pages:
        height = float(page.mediabox.height)
        lines = []

        def visit(text, cm, tm, _font, size, lines=lines, height=height):
            if not text.strip():
                return
            x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            lines.append((text.strip(), x * MM, (height - y) * MM, size * abs(tm[3] * cm[3])))

        page.extract_text(visitor_text=visit)
        pages.append(((round(float(page.mediabox.width) * MM), round(height * MM)), lines))
    return pages


def text_width(text, size, *, bold=False, italic=False):
    """The width in mm of `text` set in Liberation Serif at `size` points, from the font's own
    advance widths: where a centred line's middle is, given where it starts."""
    from django.contrib.staticfiles import finders
    from fontTools.ttLib import TTFont

    style = {(False, False): "Regular", (True, False): "Bold", (False, True): "Italic"}[bold, italic]
    font = _font(finders.find(f"fonts/LiberationSerif-{style}.ttf"), TTFont)
    cmap, metrics = font.getBestCmap(), font["hmtx"].metrics
    units = sum(metrics[cmap[ord(char)]][0] for char in text)
    return units / font["head"].unitsPerEm * size * MM


_FONTS = {}


def _font(path, loader):
    if path not in _FONTS:
        _FONTS[path] = loader(path)
    return _FONTS[path]
