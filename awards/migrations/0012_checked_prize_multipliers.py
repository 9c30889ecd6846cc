"""The default rules' prize multipliers and the base salaries as the decrees' texts give them,
each with its article and clause (awards/catalogue.py, docs/rules.md): the Prime Minister's
certificate was 5× (10× for a collective) and is 3,5× (7×) in 91/2017 and 152/2025; the
provincial certificate from 07/2025 was 3× (6×) and is 1,5× (3×) in 152/2025."""

from django.db import migrations

from awards import catalogue


def correct(apps, schema_editor):
    catalogue.correct(apps.get_model("awards", "AwardRule"), apps.get_model("awards", "BaseSalary"))


class Migration(migrations.Migration):
    dependencies = [("awards", "0011_certificate_layout")]

    operations = [migrations.RunPython(correct, migrations.RunPython.noop)]
