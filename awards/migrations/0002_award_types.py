"""The award type catalogue and its first default rules, as they were before rules had periods
(migration 0008 turns them into the first versions of awards/catalogue.py)."""

from django.db import migrations

from awards import catalogue

FIRST_DEFAULTS = {
    "Cờ thi đua của Chính phủ": {"quota_percent": 20, "quota_basis": "bloc_leaders"},
    "Cờ thi đua của UBND tỉnh": {"quota_count": 1, "quota_basis": "bloc_members"},
}


def create(apps, schema_editor):
    AwardType = apps.get_model("awards", "AwardType")
    AwardRule = apps.get_model("awards", "AwardRule")
    for name, authority, nominee, precedence in catalogue.TYPES:
        award_type, _ = AwardType.objects.get_or_create(
            name=name, defaults={"authority": authority, "nominee": nominee, "precedence": precedence}
        )
        if name in FIRST_DEFAULTS:
            AwardRule.objects.get_or_create(
                award_type=award_type,
                province=None,
                defaults={"enforcement": "warn", "source": catalogue.OWN, **FIRST_DEFAULTS[name]},
            )


def remove(apps, schema_editor):
    AwardType = apps.get_model("awards", "AwardType")
    AwardType.objects.filter(name__in=[t[0] for t in catalogue.TYPES], proposals__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("awards", "0001_initial")]

    operations = [migrations.RunPython(create, remove)]
