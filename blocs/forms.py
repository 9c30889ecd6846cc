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
        self.helper.add_input(Submit("copy", _("Copy last year's members")))


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


class MemberChoiceField(forms.ModelChoiceField):
    """A choice of memberships, each named as its agency was named that year."""

    def label_from_instance(self, membership):
        return membership.printed_name
