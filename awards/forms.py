"""The proposals section of the conference results page, and the province admin's forms
that record a submission or a decision for many proposals at once."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from awards import rules
from awards.models import AwardType, Proposal
from blocs.forms import EMPTY_CHOICE, MemberChoiceField
from blocs.models import Membership
from emulation.forms import DATE_WIDGET
from emulation.models import Conference

ROW_FIELDS = ["award_type", "membership", "person_name", "person_position", "votes_for", "ballots"]


class ProposalRowForm(forms.Form):
    """One proposal line; a line left empty is no proposal."""

    award_type = forms.ModelChoiceField(
        label=_("Award"), queryset=AwardType.objects.filter(is_active=True), required=False, empty_label=EMPTY_CHOICE
    )
    membership = MemberChoiceField(label=_("Agency"), queryset=Membership.objects.none(), required=False)
    person_name = forms.CharField(
        label=_("Individual's name"),
        max_length=150,
        required=False,
        widget=forms.TextInput(attrs={"placeholder": _("Name (individuals only)")}),
    )
    person_position = forms.CharField(
        label=_("Individual's position"),
        max_length=255,
        required=False,
        widget=forms.TextInput(attrs={"placeholder": _("Position")}),
    )
    votes_for = forms.IntegerField(label=_("Votes in favour"), min_value=0, max_value=32767, required=False)
    ballots = forms.IntegerField(label=_("Ballots cast"), min_value=0, max_value=32767, required=False)
    achievements = forms.CharField(label=_("Achievements"), required=False, widget=forms.Textarea(attrs={"rows": 1}))

    def __init__(self, *args, conference, members, award_types, **kwargs):
        super().__init__(*args, **kwargs)
        self.conference = conference
        names = {m.pk: m.printed_name for m in members}
        self.fields["membership"].queryset = Membership.objects.filter(pk__in=names)
        # The section reads the choices once for all its lines: no query per line.
        membership, award_type = self.fields["membership"], self.fields["award_type"]
        membership.choices = [("", membership.empty_label), *names.items()]
        award_type.choices = [("", award_type.empty_label), *((a.pk, a.name) for a in award_types)]

    @property
    def is_blank(self):
        data = getattr(self, "cleaned_data", {})
        return not any(data.get(name) not in (None, "") for name in [*ROW_FIELDS, "achievements"])

    def clean(self):
        cleaned = super().clean()
        if self.is_blank:
            return cleaned
        for name in ("award_type", "membership", "votes_for", "ballots"):
            if name not in self.errors and cleaned.get(name) in (None, ""):
                self.add_error(name, _("This field is required."))
        if not self.errors:
            proposal = Proposal(conference=self.conference, **{name: cleaned.get(name) or "" for name in ROW_FIELDS})
            proposal.votes_for, proposal.ballots = cleaned["votes_for"], cleaned["ballots"]
            try:
                proposal.clean()
            except ValidationError as error:
                for field, messages in error.message_dict.items():
                    self.add_error(field if field in self.fields else None, messages)
        return cleaned

    def row(self):
        return {name: self.cleaned_data.get(name) or "" for name in [*ROW_FIELDS, "achievements"]}


class BaseProposalFormSet(forms.BaseFormSet):
    def clean(self):
        seen = set()
        for form in self.forms:
            if not form.is_valid() or form.is_blank:
                continue
            key = (form.cleaned_data["award_type"], form.cleaned_data["membership"], form.cleaned_data["person_name"])
            if key in seen:
                form.add_error(None, _("This nominee is already proposed for this award at this conference."))
            seen.add(key)


ProposalFormSet = forms.formset_factory(ProposalRowForm, formset=BaseProposalFormSet, extra=3)


class ProposalSection:
    """The proposals voted at the conference, saved with the rest of the results page.

    Once any of them has been submitted to the authority the section is read-only."""

    template_name = "awards/_proposals_section.html"

    def __init__(self, data=None, *, conference, bloc, year, members):
        self.saved = (
            list(
                conference.proposals.select_related("award_type", "membership__agency", "submission", "decision")
                .prefetch_related("membership__agency__former_names")
                .order_by("award_type__precedence", "membership__agency__sort_key", "person_name")
            )
            if conference
            else []
        )
        self.locked = any(p.status != Proposal.Status.PROPOSED for p in self.saved)
        # The rules that judge the saved proposals, and each nominee's verdict, for the page to cite.
        self.rules_cited, self.rule_date = [], None
        if conference is not None:
            for proposal in self.saved:
                proposal.conference = conference
            judgement = rules.judge(conference=conference, proposals=self.saved)
            self.rules_cited, self.rule_date = judgement.rules, rules.rule_date(conference)
        # A post without this section (no management form) leaves the proposals as they are.
        self.absent = data is not None and "prop-TOTAL_FORMS" not in data
        initial = [
            {
                "award_type": p.award_type_id,
                "membership": p.membership_id,
                "person_name": p.person_name,
                "person_position": p.person_position,
                "votes_for": p.votes_for,
                "ballots": p.ballots,
                "achievements": p.achievements,
            }
            for p in self.saved
        ]
        draft = conference or Conference(bloc=bloc, year=year)  # what the rules read
        self.formset = ProposalFormSet(
            None if self.locked else data,
            prefix="prop",
            initial=initial,
            form_kwargs={
                "conference": draft,
                "members": members,
                "award_types": list(AwardType.objects.filter(is_active=True)),
            },
        )
        self.errors = []  # what awards.services refused, shown in the section

    def is_valid(self):
        return self.locked or self.absent or self.formset.is_valid()

    def rows(self):
        """The proposals to save with the results (awards.services.conference_results_save), or
        None to leave them as they are."""
        if self.locked or self.absent:
            return None
        return [form.row() for form in self.formset.forms if not form.is_blank]


class SubmissionForm(forms.Form):
    number = forms.CharField(label=_("Submission number"), max_length=50, help_text=_("e.g. 15/TTr-SNV"))
    date = forms.DateField(label=_("Submission date"), widget=DATE_WIDGET)
    issuer = forms.CharField(
        label=_("Issued by"), max_length=255, required=False, help_text=_("e.g. Sở Nội vụ, or UBND tỉnh")
    )
    signer = forms.CharField(label=_("Signed by"), max_length=150, required=False)
    signer_title = forms.CharField(label=_("Signer's title"), max_length=255, required=False)


class DecisionForm(forms.Form):
    outcome = forms.TypedChoiceField(
        label=_("Outcome"),
        choices=[("1", _("Approved")), ("0", _("Not approved"))],
        coerce=lambda value: value == "1",
        widget=forms.RadioSelect,
        initial="1",
    )
    number = forms.CharField(label=_("Decision number"), max_length=50, help_text=_("e.g. 123/QĐ-UBND"))
    date = forms.DateField(label=_("Decision date"), widget=DATE_WIDGET)
    authority = forms.CharField(label=_("Issued by"), max_length=255, required=False, help_text=_("e.g. UBND tỉnh"))
    signer = forms.CharField(label=_("Signed by"), max_length=150, required=False)
    signer_title = forms.CharField(label=_("Signer's title"), max_length=255, required=False)


class CouncilVoteForm(forms.Form):
    """The province's awards council's vote on one proposal; that the figures agree with each
    other is the model's to say (Proposal.clean), shown beside these same fields."""

    council_members = forms.IntegerField(
        label=_("Council members"),
        min_value=1,
        max_value=32767,
        help_text=_("All members of the council, present or not."),
    )
    council_votes_for = forms.IntegerField(
        label=_("Votes in favour"),
        min_value=0,
        max_value=32767,
        help_text=_("Including the written opinions of absent members."),
    )
    council_written_opinions = forms.IntegerField(
        label=_("Of which written opinions"),
        min_value=0,
        max_value=32767,
        initial=0,
        help_text=_("Absent members who sent their opinion in writing."),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)


class AttachmentForm(forms.Form):
    """One file and its title; what the file is and whether it fits is the service's to judge."""

    title = forms.CharField(
        label=_("Document title"),
        max_length=200,
        required=False,
        help_text=_("E.g. Signed minutes. The file name if left empty."),
    )
    file = forms.FileField(label=_("File"), allow_empty_file=True, max_length=10_000)
