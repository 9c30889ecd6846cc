"""The award type catalogue and its default rules (awards/catalogue.py)."""

from django.db import migrations

from awards import catalogue


def create(apps, schema_editor):
    catalogue.ensure(apps.get_model("awards", "AwardType"), apps.get_model("awards", "AwardRule"))


def remove(apps, schema_editor):
    AwardType = apps.get_model("awards", "AwardType")
    AwardType.objects.filter(name__in=[t[0] for t in catalogue.TYPES], proposals__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("awards", "0001_initial")]

    operations = [migrations.RunPython(create, remove)]
