"""The national default rules become versions by period (awards/catalogue.py), with their
sources and prize multipliers, and the base salary table is filled. The single default rule
each award type had becomes its first version, so that its audit trail follows it."""

from django.db import migrations

from awards import catalogue


def create(apps, schema_editor):
    AwardType = apps.get_model("awards", "AwardType")
    AwardRule = apps.get_model("awards", "AwardRule")
    BaseSalary = apps.get_model("awards", "BaseSalary")
    for name, versions in catalogue.DEFAULT_RULES.items():
        first = dict(versions[0])
        first.pop("valid_from")
        AwardRule.objects.filter(award_type__name=name, province=None, valid_from=None).update(**first)
    catalogue.ensure(AwardType, AwardRule, BaseSalary)


def remove(apps, schema_editor):
    AwardRule = apps.get_model("awards", "AwardRule")
    AwardRule.objects.filter(province=None, valid_from__isnull=False).delete()
    AwardRule.objects.filter(province=None).update(valid_until=None)


class Migration(migrations.Migration):
    dependencies = [("awards", "0008_rule_versions_prizes_bloc_counts")]

    operations = [migrations.RunPython(create, remove)]
