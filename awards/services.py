"""Every change to a proposal: entered with its conference's results, then submitted to
the awarding authority and decided, many at once. Each call is all-or-nothing."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from awards import rules
from awards.models import Decision, Proposal, Submission
from core.services import by_user, record_delete, rows_sync, validated_save
from core.versioning import EditConflict
from emulation import services as conference_services
from emulation.rules import refuse_if_locked

PROPOSAL_FIELDS = [
    "award_type", "membership", "person_name", "person_position", "votes_for", "ballots", "achievements", "note",
    "votes_illustrative",
]  # fmt: skip
KEY_FIELDS = ["award_type", "membership", "person_name"]


def _refuse_blocking(problems):
    blocking = [str(p) for p in problems if p.blocking]
    if blocking:
        raise ValidationError(blocking)


@transaction.atomic
def proposals_replace(*, actor, conference, rows):
    """Replace the proposals of a conference by `rows` (dicts of PROPOSAL_FIELDS).
    Returns the rule problems that only warn; raises ValidationError for a broken rule
    that blocks, or a proposal that breaks a model rule."""
    refuse_if_locked(conference)
    if conference.proposals.exclude(status=Proposal.Status.PROPOSED).exists():
        raise ValidationError(
            _(
                "Some proposals of this conference are already submitted to the awarding authority: "
                "they can no longer be changed here."
            )
        )
    # A nominee is one award type, agency and person: their line is changed in place, so that
    # the audit trail and the proposal's version follow it from one save to the next.
    current = {}
    for proposal in conference.proposals.select_related("award_type", "membership"):
        proposal.conference = conference
        current[proposal.award_type_id, proposal.membership_id, proposal.person_name] = proposal
    wanted, nominees = {}, {}
    for row in rows:
        key = (row["award_type"].pk, row["membership"].pk, row.get("person_name", ""))
        if key in wanted:
            raise ValidationError(_("This nominee is already proposed for this award at this conference."))
        nominees[key] = (row["award_type"], row["membership"])
        wanted[key] = {
            name: row.get(name, Proposal._meta.get_field(name).get_default())
            for name in PROPOSAL_FIELDS
            if name not in KEY_FIELDS
        }
    proposals = rows_sync(
        current,
        wanted,
        lambda key, fields: Proposal(
            conference=conference,
            award_type=nominees[key][0],
            membership=nominees[key][1],
            person_name=key[2],
            **fields,
        ),
        actor=actor,
    )
    problems = rules.check(conference=conference, proposals=proposals)
    _refuse_blocking(problems)
    return problems


def _chosen_proposals(proposal_ids, status, versions):
    """The proposals, locked, after checking that they are of one province, that none changed
    since the page showed it at `versions` ({pk: version}; None: no page) and that every one is
    in `status`. Whether the actor may record for them is awards.access's to say."""
    ids = set(proposal_ids)
    if not ids:
        raise ValidationError(_("Choose at least one proposal."))
    proposals = list(
        Proposal.objects.select_for_update(of=("self",))
        .select_related("conference__bloc", "award_type", "membership__agency")
        .filter(pk__in=ids)
        .order_by("pk")
    )
    provinces = {p.conference.bloc.province_id for p in proposals}
    if len(proposals) != len(ids):
        raise ValidationError(_("Some of the chosen proposals no longer exist."))
    if len(provinces) > 1:
        raise ValidationError(_("One submission or decision covers proposals of one province."))
    if versions is not None:
        changed = [p for p in proposals if versions.get(p.pk) != p.version]
        if changed:
            raise EditConflict(*changed)
        for proposal in proposals:  # and their saves check it again, in the UPDATE (core.versioning.Versioned)
            proposal.version = versions[proposal.pk]
    wrong = [p for p in proposals if p.status != status]
    if wrong:
        raise ValidationError(
            _("Nothing was recorded: %(count)s of the chosen proposals are not “%(status)s”: %(names)s.")
            % {
                "count": len(wrong),
                "status": Proposal.Status(status).label,
                "names": "; ".join(str(p) for p in wrong),
            }
        )
    return proposals, provinces.pop()


def _document(model, province_id, fields, actor):
    """The submission or decision with this number and date, recorded once."""
    same = model.objects.filter(province_id=province_id, number=fields["number"], date=fields["date"])
    document = same.first()
    if document is None:
        try:
            document = validated_save(by_user(model(province_id=province_id, **fields), actor))
        except ValidationError:
            # Recorded by another admin at this very moment: it is the same document.
            document = same.first()
            if document is None:
                raise
    return document


def _move(proposals, actor, **fields):
    """Each proposal saved on its own, so that the audit trail records the change and who made
    it. No full_clean(): the service sets status and documents together, which a database
    constraint checks."""
    for proposal in proposals:
        for name, value in fields.items():
            setattr(proposal, name, value)
        by_user(proposal, actor).save()


@transaction.atomic
def proposals_submit(
    *, actor, proposal_ids, number, date, issuer="", signer="", signer_title="", signer_authority="", versions=None
):
    """Send proposals to the authority in one tờ trình. Only proposals of finalized
    conferences go, and none that a blocking rule refuses. `versions`: as the page showed
    the proposals ({pk: version}); EditConflict if any changed since."""
    proposals, province_id = _chosen_proposals(proposal_ids, Proposal.Status.PROPOSED, versions)
    drafts = sorted({str(p.conference) for p in proposals if not p.conference.is_finalized})
    if drafts:
        raise ValidationError(
            _("Nothing was recorded: finalize the conference first: %(names)s.") % {"names": "; ".join(drafts)}
        )
    early = sorted({str(p.conference) for p in proposals if date < p.conference.date})
    if early:
        raise ValidationError(
            _("Nothing was recorded: the submission cannot be dated before the conference: %(names)s.")
            % {"names": "; ".join(early)}
        )
    judged = {}
    for conference in {p.conference for p in proposals}:
        everyone = list(conference.proposals.select_related("award_type", "membership__agency"))
        for proposal in everyone:
            proposal.conference = conference
        judgement = rules.judge(conference=conference, proposals=everyone)
        _refuse_blocking(judgement.problems)
        judged.update({p.pk: p.verdict.rule for p in everyone})
    # What judged each one is kept with it: a rule edited or added later never changes it.
    for proposal in proposals:
        rule = judged[proposal.pk]
        proposal.applied_rule = rule if rule is not None and not rule._state.adding else None
        proposal.applied_rule_snapshot = rule.snapshot() if rule is not None else {}
    submission = _document(
        Submission,
        province_id,
        {
            "number": number,
            "date": date,
            "issuer": issuer,
            "signer": signer,
            "signer_title": signer_title,
            "signer_authority": signer_authority,
        },
        actor,
    )
    _move(proposals, actor, status=Proposal.Status.SUBMITTED, submission=submission)
    return submission


@transaction.atomic
def proposal_council_vote(*, actor, proposal, members, votes_for, written_opinions=0, version=None):
    """Records the council's vote on a proposal: its members, the votes in favour counting the
    written opinions of absent members, and how many of those were written. Refused once the
    proposal is decided: the vote is what the decision was taken on."""
    if proposal.status in (Proposal.Status.APPROVED, Proposal.Status.NOT_APPROVED):
        raise ValidationError(
            _("Nothing was saved: %(proposal)s is already decided; its council vote no longer changes.")
            % {"proposal": proposal}
        )
    if version is not None:
        proposal.version = version
    proposal.council_members = members
    proposal.council_votes_for = votes_for
    proposal.council_written_opinions = written_opinions
    return validated_save(by_user(proposal, actor))


@transaction.atomic
def proposals_decide(
    *,
    actor,
    proposal_ids,
    approved,
    number,
    date,
    authority="",
    signer="",
    signer_title="",
    signer_authority="",
    versions=None,
):
    """Record the authority's decision on submitted proposals: approved, or not. `versions`:
    as for proposals_submit."""
    proposals, province_id = _chosen_proposals(proposal_ids, Proposal.Status.SUBMITTED, versions)
    early = [str(p) for p in proposals if date < p.submission.date]
    if early:
        raise ValidationError(
            _("Nothing was recorded: the decision cannot be dated before the submission of %(names)s.")
            % {"names": "; ".join(early)}
        )
    decision = _document(
        Decision,
        province_id,
        {
            "number": number,
            "date": date,
            "authority": authority,
            "signer": signer,
            "signer_title": signer_title,
            "signer_authority": signer_authority,
        },
        actor,
    )
    status = Proposal.Status.APPROVED if approved else Proposal.Status.NOT_APPROVED
    # The prize money of the rule and base salary of the decision's day, kept with the proposal.
    prizes = rules.prizes(province_id=province_id, on=date, proposals=proposals) if approved else {}
    for proposal in proposals:
        prize = prizes.get(proposal.pk)
        proposal.prize_amount = prize.amount if prize else None
        proposal.prize_basis = prize.basis if prize else ""
    _move(proposals, actor, status=status, decision=decision)
    return decision


class ProposalsRefused(ValidationError):
    """The proposals of a results page broke a rule: the page shows it in their section."""


@transaction.atomic
def conference_results_save(
    *, actor, bloc, year, results, proposal_rows=None, conference=None, version=None, finalize=False
):
    """The conference results page in one transaction: the conference's results
    (emulation.services), the proposals voted at it (None: left as they are) and, when asked,
    finalizing it — all of it, or nothing. Returns the conference and the rule problems that
    only warn. Raises EditConflict, ProposalsRefused, or ValidationError for the results."""
    saved = conference_services.conference_save_results(
        actor=actor, bloc=bloc, year=year, results=results, conference=conference, version=version
    )
    warnings = []
    if proposal_rows is not None:
        try:
            warnings = proposals_replace(actor=actor, conference=saved, rows=proposal_rows)
        except EditConflict:
            raise
        except ValidationError as error:
            raise ProposalsRefused(error.messages) from error
    if finalize:
        conference_services.conference_finalize(actor=actor, conference=saved)
    return saved, warnings


# The catalogue and the rules, as the admin site keeps them ------------------------------------


@transaction.atomic
def award_type_save(*, actor, award_type):
    """The system operator's catalogue of award forms."""
    return validated_save(by_user(award_type, actor))


@transaction.atomic
def award_type_delete(*, actor, award_type):
    record_delete(award_type, actor=actor)


@transaction.atomic
def award_rule_save(*, actor, rule):
    """A default rule (the operator's) or a province's own; who may keep which is the admin's to say."""
    return validated_save(by_user(rule, actor))


@transaction.atomic
def award_rule_delete(*, actor, rule):
    record_delete(rule, actor=actor)


@transaction.atomic
def document_correct(*, actor, document):
    """Correct a submission's or a decision's details (number, date, signer); its proposals stay."""
    return validated_save(by_user(document, actor))


@transaction.atomic
def document_delete(*, actor, document):
    """Refused while proposals point at it."""
    record_delete(document, actor=actor)


@transaction.atomic
def base_salary_save(*, actor, base_salary):
    """The national base salary from a date: the operator's."""
    return validated_save(by_user(base_salary, actor))


@transaction.atomic
def base_salary_delete(*, actor, base_salary):
    record_delete(base_salary, actor=actor)


@transaction.atomic
def bloc_count_save(*, actor, bloc_count):
    """How many blocs a province has in a year: its admin's, the basis of quotas on bloc leaders."""
    return validated_save(by_user(bloc_count, actor))


@transaction.atomic
def bloc_count_delete(*, actor, bloc_count):
    record_delete(bloc_count, actor=actor)


@transaction.atomic
def certificate_layout_save(*, actor, layout):
    """Where a province prints each line of an award type's certificates; its admin's."""
    return validated_save(by_user(layout, actor))


@transaction.atomic
def certificate_layout_delete(*, actor, layout):
    """The province prints that award type's certificates with the defaults again."""
    record_delete(layout, actor=actor)


def member_report_save(*, actor, membership, text, version=None):
    """A member agency's achievement report, written by its own staff once the bloc nominated it
    (a proposal names it at the conference reviewing its year)."""
    if not Proposal.objects.filter(membership=membership).exists():
        raise ValidationError(_("Your agency is not nominated this year: there is no achievement report to write."))
    return conference_services.achievement_report_save(actor=actor, membership=membership, text=text, version=version)
