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
