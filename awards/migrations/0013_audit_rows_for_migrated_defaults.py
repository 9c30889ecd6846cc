"""The audit rows that the migrations creating and correcting the national defaults did not
write (issue 15): 0002 and 0009 created the default rule versions and base salaries, 0012
corrected their figures, each with a queryset update that django-simple-history does not see.
Each default version and base salary whose newest audit row does not hold its present figures
gets one now, by no user; running it again adds nothing (awards.catalogue.audit_missing)."""

from django.db import migrations

from awards import catalogue

CREATED = "Mặc định quốc gia do migration tạo (0002, 0009) và sửa (0012)"
CHANGED = "Sửa bởi migration 0012: hệ số tiền thưởng và nguồn đã đối chiếu"


def audit(apps, schema_editor):
    AwardRule = apps.get_model("awards", "AwardRule")
    BaseSalary = apps.get_model("awards", "BaseSalary")
    catalogue.audit_missing(
        AwardRule.objects.filter(province=None),
        apps.get_model("awards", "HistoricalAwardRule"),
        created=CREATED,
        changed=CHANGED,
    )
    catalogue.audit_missing(
        BaseSalary.objects.all(), apps.get_model("awards", "HistoricalBaseSalary"), created=CREATED, changed=CHANGED
    )


class Migration(migrations.Migration):
    dependencies = [("awards", "0012_checked_prize_multipliers")]

    operations = [migrations.RunPython(audit, migrations.RunPython.noop)]
