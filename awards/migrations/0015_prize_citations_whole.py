"""The prize sources of 91/2017's titles cite their point inside the article (“Điều 69 khoản 2
điểm d”), no longer after the note on how the text was checked; the figures do not change. Each
default whose source changes gets its audit row, by no user, and a rule's version moves on."""

from django.db import migrations

from awards import catalogue

REASON = "Migration 0015: trích dẫn điểm, khoản, điều liền nhau"


class Migration(migrations.Migration):
    dependencies = [("awards", "0014_checked_sources")]

    operations = [migrations.RunPython(catalogue.correct_with_history(REASON), migrations.RunPython.noop)]
