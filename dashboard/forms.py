from django import forms

from blocs.forms import DATE_INPUT
from dashboard.models import YearDeadline
from dashboard.services import DUE_FIELDS


class DeadlineForm(forms.ModelForm):
    """The province's deadlines of a year; the service saves them."""

    class Meta:
        model = YearDeadline
        fields = list(DUE_FIELDS)
        widgets = dict.fromkeys(DUE_FIELDS, DATE_INPUT)
