"""The sources checked since 0012 (docs/rules.md): the Government flag's 20% quoted from Bộ Nội
vụ's Công văn 5007/BNV-TĐKT of 05/9/2023; 152/2025's prizes for the Government flag and Tập thể
lao động xuất sắc as the press quoted the decree; the base salaries of 47/2017 and 72/2018 by
their Điều 3 khoản 2. No figure changes; each default whose source changes gets its audit row,
by no user, and a rule's version moves on."""

from django.db import migrations

from awards import catalogue

REASON = "Migration 0014: nguồn đã đối chiếu thêm (docs/rules.md)"


class Migration(migrations.Migration):
    dependencies = [("awards", "0013_audit_rows_for_migrated_defaults")]

    operations = [migrations.RunPython(catalogue.correct_with_history(REASON), migrations.RunPython.noop)]
