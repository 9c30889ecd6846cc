from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.utils.translation import gettext_lazy as _

from blocs.models import FIRST_YEAR, LAST_YEAR


class AgencySearchForm(forms.Form):
    q = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"placeholder": _("Name or short name, with or without diacritics")}),
    )


class CopyMembersForm(forms.Form):
    year = forms.IntegerField(label=_("Year to fill"), min_value=FIRST_YEAR + 1, max_value=LAST_YEAR)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_class = "row row-cols-auto g-2 align-items-end"
        self.helper.add_input(Submit("copy", _("Copy last year's members")))
