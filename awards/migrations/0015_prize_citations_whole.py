"""The prize sources of 91/2017's titles cite their point inside the article (“Điều 69 khoản 2
điểm d”), no longer after the note on how the text was checked; the figures do not change. Each
default whose source changes gets its audit row, by no user, and a rule's version moves on."""

from django.db import migrations

from awards import catalogue

REASON = "Migration 0015: trích dẫn điểm, khoản, điều liền nhau"


def correct(apps, schema_editor):
    catalogue.correct(
        apps.get_model("awards", "AwardRule"),
        apps.get_model("awards", "BaseSalary"),
        history=(apps.get_model("awards", "HistoricalAwardRule"), apps.get_model("awards", "HistoricalBaseSalary")),
        reason=REASON,
    )


class Migration(migrations.Migration):
    dependencies = [("awards", "0014_checked_sources")]

    operations = [migrations.RunPython(correct, migrations.RunPython.noop)]
