"""The one write path of the deadlines: pages, the admin and scripts call it."""

from django.db import transaction

from core.services import by_user, model_update
from dashboard.models import YearDeadline

DUE_FIELDS = ("members_due", "conference_due", "finalized_due", "dossiers_due")


@transaction.atomic
def deadline_set(*, actor, province, year, **dates):
    """Set the province's deadlines of `year` (any of DUE_FIELDS; None clears one)."""
    deadline = YearDeadline.objects.select_for_update().filter(province=province, year=year).first()
    if deadline is None:
        deadline = YearDeadline(province=province, year=year)
    by_user(deadline, actor)
    deadline, _changed = model_update(deadline, fields=[f for f in DUE_FIELDS if f in dates], data=dates)
    return deadline
