import io
import re

import pytest
from django.core.management import call_command
from pypdf import PdfReader

from awards.models import Submission
from blocs.models import Agency, Bloc
from emulation.models import Conference

A4 = (595.28, 841.89)  # points


@pytest.fixture
def demo(db):
    call_command("load_demo", force=True, verbosity=0)


@pytest.fixture
def dien_bien_bloc(demo):
    return Bloc.objects.get(province__name="Điện Biên", name="Khối Văn hóa - Xã hội")


@pytest.fixture
def vinh_phuc_bloc(demo):
    return Bloc.objects.get(province__name="Vĩnh Phúc", name="Khối Văn hóa - Xã hội")


@pytest.fixture
def seed_000(dien_bien_bloc):
    return Conference.objects.get(bloc=dien_bien_bloc, year=2017)


@pytest.fixture
def seed_001(vinh_phuc_bloc):
    return Conference.objects.get(bloc=vinh_phuc_bloc, year=2020)


@pytest.fixture
def government_submission(demo):
    return Submission.objects.get(number="42/TTr-UBND")


@pytest.fixture
def bhxh(demo):
    return Agency.objects.get(province__name="Điện Biên", name="Bảo hiểm xã hội tỉnh")


def pdf_text(data):
    """The text of every page, and the reader, of a PDF given as bytes."""
    reader = PdfReader(io.BytesIO(data))
    return "\n".join(page.extract_text() for page in reader.pages), reader


def squash(text):
    """Text with every run of whitespace as one space, and a word broken after its hyphen
    at a line end joined again (215/QĐ-|UBND): PDF text comes in printed lines."""
    return re.sub(r"(?<=\S)- (?=\S)", "-", " ".join(text.split()))
