from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.forms import AuthenticationForm
from django.core.validators import MaxLengthValidator
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
        # A first look at what the copy would do; the copy itself is confirmed on that page.
        self.helper.add_input(Submit("preview", _("Copy last year's members")))


class UsernameLengthChecked:
    """Django's login forms only set the username input's maxlength: a longer name, sent anyway,
    went on to the login throttle (django-axes), whose table refused it with a server error on
    PostgreSQL. Here it is refused as too long before anyone is authenticated."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        username = self.fields["username"]
        username.validators.append(MaxLengthValidator(username.max_length))


class LoginForm(UsernameLengthChecked, AuthenticationForm):
    pass


class AdminLoginForm(UsernameLengthChecked, AdminAuthenticationForm):
    pass


# What an empty select says, instead of Django's "---------".
EMPTY_CHOICE = _("— choose —")


class MemberChoiceField(forms.ModelChoiceField):
    """A choice of memberships, each named as its agency was named that year."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("empty_label", EMPTY_CHOICE)
        super().__init__(*args, **kwargs)

    def label_from_instance(self, membership):
        return membership.printed_name


DATE_INPUT = forms.DateInput(format="%d/%m/%Y", attrs={"placeholder": "dd/mm/yyyy", "autocomplete": "off"})


class AgencyChoiceField(forms.ModelChoiceField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("empty_label", EMPTY_CHOICE)
        super().__init__(*args, **kwargs)

    def label_from_instance(self, agency):
        return agency.name


class AgencyMultipleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, agency):
        return agency.name


class AgencyMergeForm(forms.Form):
    """Several agencies into one successor (blocs.services.agencies_merge). Laid out by its
    template: the preview and the confirming button sit between its fields."""

    predecessors = AgencyMultipleChoiceField(
        label=_("Agencies that end"), queryset=None, widget=forms.CheckboxSelectMultiple
    )
    successor = AgencyChoiceField(label=_("Successor (an existing agency)"), queryset=None, required=False)
    new_successor_name = forms.CharField(label=_("or a new agency named"), max_length=255, required=False)
    effective_on = forms.DateField(label=_("First day of the successor"), widget=DATE_INPUT)
    basis_number = forms.CharField(
        label=_("Legal basis: number"), max_length=100, help_text=_("E.g. 15/NQ-HĐND or 245/QĐ-UBND.")
    )
    basis_date = forms.DateField(label=_("Legal basis: date"), widget=DATE_INPUT)
    note = forms.CharField(
        label=_("Note"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("For a split: where the rest of the work went."),
    )

    def __init__(self, *args, agencies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["predecessors"].queryset = agencies
        self.fields["successor"].queryset = agencies

    def clean(self):
        cleaned = super().clean()
        if bool(cleaned.get("successor")) == bool(cleaned.get("new_successor_name", "").strip()):
            self.add_error("successor", _("Choose the successor, or name a new one (not both)."))
        return cleaned


class BlocRedrawForm(forms.Form):
    """The decision and its table: one row per bloc of the province, with its member agencies."""

    number = forms.CharField(label=_("Decision number"), max_length=100, help_text=_("E.g. 123/QĐ-UBND."))
    date = forms.DateField(label=_("Decision date"), widget=DATE_INPUT)
    signer = forms.CharField(label=_("Signed by"), max_length=255, required=False)

    def __init__(self, *args, blocs, agencies, **kwargs):
        super().__init__(*args, **kwargs)
        self.blocs = list(blocs)
        # The same choices in every row: read once, not once per bloc.
        choices = [(agency.pk, agency.name) for agency in agencies]
        for bloc in self.blocs:
            field = AgencyMultipleChoiceField(
                label=bloc.name,
                queryset=agencies,
                required=False,
                widget=forms.SelectMultiple(attrs={"size": 8, "data-bloc": bloc.pk}),
            )
            field.choices = choices
            self.fields[self.field_name(bloc)] = field

    @staticmethod
    def field_name(bloc):
        return f"bloc_{bloc.pk}"

    def rows(self):
        """The bound field of each bloc, for the template."""
        return [(bloc, self[self.field_name(bloc)]) for bloc in self.blocs]

    def table(self):
        return [(bloc, self.cleaned_data[self.field_name(bloc)]) for bloc in self.blocs]


class SheetImportForm(forms.Form):
    """The year (for the imports of a year) and the filled template; what the rows say is the
    import's to judge."""

    year = forms.IntegerField(label=_("Year"), min_value=FIRST_YEAR, max_value=LAST_YEAR)
    file = forms.FileField(label=_("Spreadsheet (.xlsx or .csv)"))

    def __init__(self, *args, needs_year=True, **kwargs):
        super().__init__(*args, **kwargs)
        if not needs_year:
            del self.fields["year"]
