"""Two uploads of the same file to one record at the same moment: one is kept, the other is
refused with the rule's sentence (never an IntegrityError), and its written file is removed."""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.utils import translation

from core import services
from core.models import Attachment

PDF = b"%PDF-1.7\nthe same signed minutes\n%%EOF\n"


@pytest.fixture
def store(settings, tmp_path):
    location = tmp_path / "store"
    settings.STORAGES = {
        **settings.STORAGES,
        "attachments": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(location)},
        },
    }
    return location


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_uploads_of_the_same_file_at_once_keep_one(monkeypatch, store, conference, secretary, province_admin):
    barrier = threading.Barrier(2)
    real_save = services.validated_save

    def save_together(obj, **kwargs):
        if isinstance(obj, Attachment):
            barrier.wait(timeout=10)  # both passed the check and wrote their file: now both insert
        return real_save(obj, **kwargs)

    monkeypatch.setattr(services, "validated_save", save_together)
    outcomes = {}

    def upload(user):
        try:
            with translation.override("vi"):
                services.attachment_add(
                    actor=user, record=conference, title="Biên bản", upload=SimpleUploadedFile("bb.pdf", PDF)
                )
            outcomes[user.username] = "kept"
        except ValidationError as refused:
            outcomes[user.username] = refused.messages
        except Exception as error:  # an IntegrityError, say, fails the test below
            outcomes[user.username] = repr(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=upload, args=(user,)) for user in (secretary, province_admin)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    refusal = ["Tệp này đã được đính kèm vào hồ sơ này."]
    assert sorted(outcomes.values(), key=str) == sorted(["kept", refusal], key=str), outcomes
    assert Attachment.objects.count() == 1
    assert [p for p in store.rglob("*") if p.is_file()] == [store / Attachment.objects.get().file.name]
