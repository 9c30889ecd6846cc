"""The conference results page: one form per section, validated together and saved
in one transaction by services.conference_save_results."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Layout, Row
from django import forms
from django.utils.translation import gettext_lazy as _

from blocs.forms import MemberChoiceField
from blocs.models import Membership
from emulation.models import Conference, Criterion, Pledge
from emulation.services import ConferenceResults

DATE_WIDGET = forms.DateInput(format="%d/%m/%Y", attrs={"placeholder": "dd/mm/yyyy", "autocomplete": "off"})
TIME_WIDGET = forms.TimeInput(format="%H:%M", attrs={"placeholder": "hh:mm"})


class ConferenceForm(forms.ModelForm):
    # The version of the conference the page showed (0: none yet), so that a save made meanwhile
    # by someone else is refused rather than silently overwritten (blocs.models.Versioned).
    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0)

    class Meta:
        model = Conference
        fields = [
            "date", "start_time", "end_time", "host", "venue", "chair_name", "chair_title",
            "secretary_name", "secretary_title", "document_number", "results_summary", "directions", "absent_opinions",
        ]  # fmt: skip
        widgets = {
            "date": DATE_WIDGET,
            "start_time": TIME_WIDGET,
            "end_time": TIME_WIDGET,
            "results_summary": forms.Textarea(attrs={"rows": 4}),
            "directions": forms.Textarea(attrs={"rows": 4}),
            "absent_opinions": forms.Textarea(attrs={"rows": 3}),
        }
        field_classes = {"host": MemberChoiceField}

    def __init__(self, *args, members, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["version"].initial = self.instance.version if self.instance.pk else 0
        names = {m.pk: m.printed_name for m in members}
        self.fields["host"].queryset = Membership.objects.filter(pk__in=names)
        self.fields["host"].label_from_instance = lambda membership: names.get(membership.pk)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True
        self.helper.layout = Layout(
            Row(Column("date", css_class="col-md-4"), Column("start_time", css_class="col-md-4"),
                Column("end_time", css_class="col-md-4")),
            Row(Column("host", css_class="col-md-6"), Column("venue", css_class="col-md-6")),
            Row(Column("chair_name", css_class="col-md-4"), Column("chair_title", css_class="col-md-8")),
            Row(Column("secretary_name", css_class="col-md-4"), Column("secretary_title", css_class="col-md-8")),
            Row(Column("document_number", css_class="col-md-4")),
            "results_summary",
            "directions",
            "absent_opinions",
            "version",
        )  # fmt: skip


class MemberRowForm(forms.Form):
    """One member's line: attended (or signed), and by whom."""

    checked = forms.BooleanField(required=False)
    person = forms.CharField(label=_("Representative"), max_length=150, required=False)
    title = forms.CharField(label=_("Title"), max_length=255, required=False)

    def __init__(self, *args, membership, **kwargs):
        super().__init__(*args, **kwargs)
        self.membership = membership


class GuestForm(forms.Form):
    organisation = forms.CharField(label=_("Guest organisation"), max_length=255, required=False)
    person = forms.CharField(label=_("Representative"), max_length=150, required=False)
    title = forms.CharField(label=_("Title"), max_length=255, required=False)

    def clean(self):
        cleaned = super().clean()
        if (cleaned.get("person") or cleaned.get("title")) and not cleaned.get("organisation"):
            self.add_error("organisation", _("Name the organisation the guest came from."))
        return cleaned


GuestFormSet = forms.formset_factory(GuestForm, extra=2)


class ScoreRowForm(forms.Form):
    """One member's points, a field per criterion; the maximum is checked beside the field."""

    def __init__(self, *args, membership, criteria, **kwargs):
        super().__init__(*args, **kwargs)
        self.membership = membership
        for criterion in criteria:
            self.fields[f"c{criterion.pk}"] = forms.DecimalField(
                label=criterion.name,
                required=False,
                min_value=0,
                max_value=criterion.max_points,
                max_digits=7,
                decimal_places=2,
                localize=True,
                widget=forms.TextInput(attrs={"inputmode": "decimal", "size": 5}),
            )
        self.criteria = criteria

    def points(self):
        return {criterion: self.cleaned_data.get(f"c{criterion.pk}") for criterion in self.criteria}


class PledgeForm(forms.ModelForm):
    class Meta:
        model = Pledge
        fields = ["content", "signed_on"]
        widgets = {"content": forms.Textarea(attrs={"rows": 3}), "signed_on": DATE_WIDGET}


class ElectionForm(forms.Form):
    leader = MemberChoiceField(label=_("Leader"), queryset=None, required=False)
    deputy = MemberChoiceField(label=_("Deputy"), queryset=None, required=False)

    def __init__(self, *args, members, **kwargs):
        super().__init__(*args, **kwargs)
        # Only agencies in the register of the year elected for: one closed during it is gone.
        names = {m.pk: m.printed_name for m in members if m.agency.in_register_of(m.year)}
        for name in ("leader", "deputy"):
            self.fields[name].queryset = Membership.objects.filter(pk__in=names)
            self.fields[name].label_from_instance = lambda membership, names=names: names.get(membership.pk)

    def clean(self):
        cleaned = super().clean()
        leader, deputy = cleaned.get("leader"), cleaned.get("deputy")
        if deputy and not leader:
            self.add_error("leader", _("Elect a leader before a deputy."))
        if leader and deputy and leader == deputy:
            self.add_error("deputy", _("The leader and the deputy must be different agencies."))
        return cleaned


class CriterionForm(forms.ModelForm):
    class Meta:
        model = Criterion
        fields = ["order", "group", "name", "max_points"]
        localized_fields = ["max_points"]  # shown as 60,5 in Vietnamese, and read back so
        widgets = {"order": forms.NumberInput(attrs={"class": "col-number"})}


CriterionFormSet = forms.modelformset_factory(Criterion, form=CriterionForm, extra=3, can_delete=True)


class ResultsForms:
    """Every section of the results page, bound to POST data or filled from what is saved.
    Valid only when every section is valid; results() is what the service saves."""

    def __init__(self, data=None, *, members, next_members, criteria, saved):
        self.members, self.next_members, self.criteria = members, next_members, criteria
        leadership = saved.leadership
        self.conference_form = ConferenceForm(data, instance=saved.conference, members=members, prefix="conf")
        self.attendance_forms = [
            MemberRowForm(data, prefix=f"att-{m.pk}", membership=m, initial=saved.present.get(m.pk)) for m in members
        ]
        self.guest_formset = GuestFormSet(data, prefix="guest", initial=saved.guests)
        self.score_forms = [
            ScoreRowForm(data, prefix=f"score-{m.pk}", membership=m, criteria=criteria, initial=saved.points.get(m.pk))
            for m in members
        ]
        self.pledge_form = PledgeForm(data, instance=saved.pledge, prefix="pledge")
        self.signature_forms = [
            MemberRowForm(data, prefix=f"sig-{m.pk}", membership=m, initial=saved.signed.get(m.pk))
            for m in next_members
        ]
        initial = {"leader": leadership.leader_id, "deputy": leadership.deputy_id} if leadership else None
        self.election_form = ElectionForm(data, members=next_members, prefix="elect", initial=initial)
        self.errors = []  # rules broken across sections, found only when saving

    def all_forms(self):
        return [
            self.conference_form, *self.attendance_forms, self.guest_formset, *self.score_forms,
            self.pledge_form, *self.signature_forms, self.election_form,
        ]  # fmt: skip

    def is_valid(self):
        results = [form.is_valid() for form in self.all_forms()]  # every form, so every error shows
        return all(results)

    def results(self):
        def rows(forms_):
            return {
                f.membership: (f.cleaned_data["person"], f.cleaned_data["title"])
                for f in forms_
                if f.cleaned_data["checked"]
            }

        pledge = self.pledge_form.cleaned_data
        signatures = rows(self.signature_forms)
        details = {name: value for name, value in self.conference_form.cleaned_data.items() if name != "version"}
        pledge_entered = signatures or pledge.get("content") or pledge.get("signed_on") or self.pledge_form.instance.pk
        election = self.election_form.cleaned_data
        return ConferenceResults(
            details=details,
            present=rows(self.attendance_forms),
            guests=[
                (g["organisation"], g["person"], g["title"])
                for g in self.guest_formset.cleaned_data
                if g.get("organisation")
            ],
            scores={(c, f.membership): p for f in self.score_forms for c, p in f.points().items()},
            pledge={"content": pledge["content"], "signed_on": pledge["signed_on"]} if pledge_entered else None,
            signatures=signatures,
            leader=election.get("leader"),
            deputy=election.get("deputy"),
        )

    @property
    def opened_version(self):
        """The version of the conference the page was opened with; a post without one counts as
        opened before the conference existed."""
        return self.conference_form.cleaned_data.get("version") or 0

    def rebase(self, version):
        """After a refused save: the page keeps what the user typed, now based on `version`, so
        that saving it again (knowingly) replaces the other user's changes."""
        data = self.conference_form.data.copy()
        data[self.conference_form.add_prefix("version")] = str(version)
        self.conference_form.data = data

    def add_errors(self, error):
        """Puts a ValidationError from the service beside its field where the page has one."""
        fields = {"date": self.conference_form, "leader": self.election_form, "deputy": self.election_form}
        items = error.message_dict.items() if hasattr(error, "error_dict") else [(None, error.messages)]
        for field, messages in items:
            if field in fields:
                fields[field].add_error(field, messages)
            else:
                self.errors.extend(messages)


class SelfAssessmentForm(forms.Form):
    """A member agency's own points and a comment per criterion (emulation.selectors.own_part's
    lines); the maximum is checked beside the field."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0)

    def __init__(self, *args, lines, assessment=None, **kwargs):
        initial = {"version": assessment.version if assessment else 0}
        for line in lines:
            if line.own:
                initial[f"p{line.criterion.pk}"] = line.own.points
                initial[f"n{line.criterion.pk}"] = line.own.comment
        super().__init__(*args, initial=initial, **kwargs)
        self.lines = lines
        for line in lines:
            criterion = line.criterion
            self.fields[f"p{criterion.pk}"] = forms.DecimalField(
                label=_("Points"),
                required=False,
                min_value=0,
                max_value=criterion.max_points,
                max_digits=7,
                decimal_places=2,
                localize=True,
                widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
            )
            self.fields[f"n{criterion.pk}"] = forms.CharField(
                label=_("Comment"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
            )

    def rows(self):
        """What the form holds, for each line: (line, points field, comment field)."""
        return [(line, self[f"p{line.criterion.pk}"], self[f"n{line.criterion.pk}"]) for line in self.lines]

    def scores(self):
        return {
            line.criterion: (
                self.cleaned_data.get(f"p{line.criterion.pk}"),
                self.cleaned_data.get(f"n{line.criterion.pk}", ""),
            )
            for line in self.lines
        }


class AchievementReportForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0)
    text = forms.CharField(
        label=_("Achievement report"), required=False, max_length=20000, widget=forms.Textarea(attrs={"rows": 8})
    )
