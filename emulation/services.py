"""Writes for conferences, pledges and scoring. Each save is all-or-nothing."""

from collections import Counter
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from blocs import services as bloc_services
from blocs.models import Leadership
from core.services import bulk_write, by_user, check_rows, record_delete, rows_sync, validated_save
from core.versioning import EditConflict
from emulation.models import (
    Attendance,
    Conference,
    Criterion,
    Pledge,
    Score,
    SelfAssessment,
    SelfScore,
    Signature,
    format_points,
)
from emulation.rules import refuse_if_locked, refuse_if_year_locked


@dataclass
class ConferenceResults:
    """Everything the results page enters in one save. Members are Membership objects."""

    details: dict  # Conference fields
    present: dict = field(default_factory=dict)  # membership -> (representative, title)
    guests: list = field(default_factory=list)  # (organisation, representative, title)
    scores: dict = field(default_factory=dict)  # (criterion, membership) -> Decimal
    pledge: dict | None = None  # Pledge fields for next year, or None to leave it out
    signatures: dict = field(default_factory=dict)  # next year's membership -> (signer, title)
    leader: object = None  # next year's membership
    deputy: object = None


def _expect(conference, version):
    """The version of the conference the page showed: its save claims the row at that version
    (core.versioning.Versioned), and is refused when someone saved it since. 0: the page showed no
    conference, yet there is one now. None: no page, the version just loaded."""
    if version is not None and conference.pk:
        conference.version = version


@transaction.atomic
def conference_save_results(*, actor, bloc, year, results, conference=None, version=None):
    """Create or replace a conference's results. Raises ValidationError (and saves
    nothing) when any part breaks a rule, EditConflict when someone else saved the conference
    after the page showing `version` of it was opened. Rows that do not change are not
    rewritten: the audit trail shows what each save changed."""
    conference = conference or Conference(bloc=bloc, year=year)
    refuse_if_locked(conference)
    _expect(conference, version)
    for name, value in results.details.items():
        setattr(conference, name, value)
    creating = conference.pk is None
    try:
        # Claimed even when its own fields stay as they were: its version stands for the rows below.
        validated_save(by_user(conference, actor), claim=True)
    except ValidationError:
        # Two pages saved a new conference of this bloc and year at the same moment: the other one won.
        existing = creating and Conference.objects.filter(bloc=bloc, year=year).first()
        if existing:
            raise EditConflict(existing) from None
        raise

    _sync_attendance(actor, conference, results, creating)
    _sync_scores(actor, bloc, year, results)
    if results.pledge is not None:
        _save_pledge(actor, bloc, year + 1, results)
    if results.leader is not None:
        bloc_services.leadership_set(
            actor=actor, bloc=bloc, year=year + 1, leader=results.leader, deputy=results.deputy
        )
    elif results.deputy is not None:
        raise ValidationError({"deputy": _("Elect a leader before a deputy.")})
    else:
        Leadership.objects.filter(bloc=bloc, year=year + 1).delete()
    return conference


def _sync_attendance(actor, conference, results, creating):
    """Members present are known by their membership, guests by what was written of them."""
    members = {m.pk: m for m in results.present}
    wanted, guests = {}, Counter()
    for membership, (representative, title) in results.present.items():
        wanted["member", membership.pk] = {"representative": representative, "representative_title": title}
    for guest in map(tuple, results.guests):  # (organisation, representative, title)
        guests[guest] += 1
        wanted["guest", *guest, guests[guest]] = {}
    current, seen = {}, Counter()
    for row in [] if creating else conference.attendances.select_related("membership"):
        row.conference = conference
        if row.membership_id:
            current["member", row.membership_id] = row
        else:
            guest = (row.guest_organisation, row.representative, row.representative_title)
            seen[guest] += 1
            current["guest", *guest, seen[guest]] = row

    def build(key, fields):
        if key[0] == "member":
            return Attendance(conference=conference, membership=members[key[1]], **fields)
        return Attendance(
            conference=conference, guest_organisation=key[1], representative=key[2], representative_title=key[3]
        )

    rows_sync(current, wanted, build, actor=actor)


def _sync_scores(actor, bloc, year, results):
    scored = {(c.pk, m.pk): (c, m, points) for (c, m), points in results.scores.items() if points is not None}
    current = Score.objects.filter(criterion__bloc=bloc, criterion__year=year).select_related("criterion", "membership")
    rows_sync(
        {(s.criterion_id, s.membership_id): s for s in current},
        {key: {"points": points} for key, (_c, _m, points) in scored.items()},
        lambda key, fields: Score(criterion=scored[key][0], membership=scored[key][1], **fields),
        actor=actor,
    )


def _save_pledge(actor, bloc, year, results):
    """The pledge for `year` (the one after the conference's) and its signatures."""
    pledge = Pledge.objects.filter(bloc=bloc, year=year).first() or Pledge(bloc=bloc, year=year)
    if pledge.pk is None or any(getattr(pledge, name) != value for name, value in results.pledge.items()):
        for name, value in results.pledge.items():
            setattr(pledge, name, value)
        validated_save(by_user(pledge, actor))
    signers = {m.pk: m for m in results.signatures}
    current = {s.membership_id: s for s in pledge.signatures.select_related("membership")}
    for signature in current.values():
        signature.pledge = pledge
    rows_sync(
        current,
        {m.pk: {"signer": signer, "signer_title": title} for m, (signer, title) in results.signatures.items()},
        lambda key, fields: Signature(pledge=pledge, membership=signers[key], **fields),
        actor=actor,
    )


@transaction.atomic
def conference_finalize(*, actor, conference, version=None):
    refuse_if_locked(conference)
    _expect(conference, version)
    conference.status = Conference.Status.FINALIZED
    conference.finalized_at, conference.finalized_by = timezone.now(), actor
    return validated_save(by_user(conference, actor))


@transaction.atomic
def conference_reopen(*, actor, conference, version=None):
    """Who may reopen is the access helpers' to say (emulation.access.can_reopen)."""
    _expect(conference, version)
    conference.status = Conference.Status.DRAFT
    conference.finalized_at = conference.finalized_by = None
    return validated_save(by_user(conference, actor))


@transaction.atomic
def criteria_save(*, actor, bloc, year, rows, deleted=()):
    """Create or change a scoring table's criteria. `rows` are unsaved or changed Criterion objects."""
    refuse_if_locked(Conference.objects.filter(bloc=bloc, year=year).first())
    for criterion in deleted:
        record_delete(criterion, actor=actor)
    for criterion in rows:
        criterion.bloc, criterion.year = bloc, year
        _refuse_moving(Criterion, criterion)
        validated_save(by_user(criterion, actor))
        # A lowered maximum must not leave points above it.
        if criterion.scores.filter(points__gt=criterion.max_points).exists():
            raise ValidationError(
                _("Some members already have more than %(max)s points for “%(name)s”.")
                % {"max": format_points(criterion.max_points), "name": criterion.name}
            )
    return Criterion.objects.filter(bloc=bloc, year=year)


def _refuse_moving(model, obj):
    """A saved record keeps its bloc and year: what it holds (attendance, signatures, points) points
    at that bloc's members of that year."""
    if obj.pk is None:
        return
    saved = model.objects.filter(pk=obj.pk).values_list("bloc_id", "year").first()
    if saved is not None and saved != (obj.bloc_id, obj.year):
        raise ValidationError(_("A saved record keeps its bloc and year: its rows are of that bloc's members."))


@transaction.atomic
def conference_details_save(*, actor, conference):
    """A conference's details as the admin site edits them (date, venue, chair, minutes…); its results
    are the results page's (conference_save_results)."""
    if conference.pk is not None:
        refuse_if_locked(Conference.objects.get(pk=conference.pk))
    _refuse_moving(Conference, conference)
    return validated_save(by_user(conference, actor))


@transaction.atomic
def conference_delete(*, actor, conference):
    refuse_if_locked(Conference.objects.get(pk=conference.pk))
    record_delete(conference, actor=actor)


@transaction.atomic
def attendance_save(*, actor, conference, rows, deleted=()):
    """Attendance rows (unsaved or changed Attendance objects) of a conference, and those to remove."""
    refuse_if_locked(Conference.objects.get(pk=conference.pk))
    for row in deleted:
        record_delete(row, actor=actor)
    for row in rows:
        row.conference = conference
        validated_save(by_user(row, actor))


@transaction.atomic
def pledge_save(*, actor, pledge):
    refuse_if_year_locked(bloc_id=pledge.bloc_id, year=pledge.year, next_year=True)
    _refuse_moving(Pledge, pledge)
    return validated_save(by_user(pledge, actor))


@transaction.atomic
def pledge_delete(*, actor, pledge):
    refuse_if_year_locked(bloc_id=pledge.bloc_id, year=pledge.year, next_year=True)
    record_delete(pledge, actor=actor)


@transaction.atomic
def signatures_save(*, actor, pledge, rows, deleted=()):
    refuse_if_year_locked(bloc_id=pledge.bloc_id, year=pledge.year, next_year=True)
    for row in deleted:
        record_delete(row, actor=actor)
    for row in rows:
        row.pledge = pledge
        validated_save(by_user(row, actor))


@transaction.atomic
def scores_save(*, actor, criterion, rows, deleted=()):
    """Points on one criterion (unsaved or changed Score objects), and those to remove."""
    refuse_if_year_locked(bloc_id=criterion.bloc_id, year=criterion.year)
    for row in deleted:
        record_delete(row, actor=actor)
    for row in rows:
        row.criterion = criterion
        validated_save(by_user(row, actor))


# A member agency's own part (SelfAssessment): written by its own staff until the conference
# reviewing its year is finalized; the bloc's record takes it only when the secretary adopts it.


def _own_assessment(membership, version=None):
    """The member's self-assessment, a new one if it has none; `version` as _expect's."""
    refuse_if_year_locked(bloc_id=membership.bloc_id, year=membership.year)
    assessment = SelfAssessment.objects.filter(membership=membership).first()
    if assessment is None:
        return SelfAssessment(membership=membership)
    if version is not None:
        assessment.version = version
    return assessment


@transaction.atomic
def self_assessment_save(*, actor, membership, scores, send=False, version=None):
    """The member's points and comments, `scores`: {criterion: (points or None, comment)}, for
    criteria of its bloc and year. Kept as a draft, or sent to the bloc (`send`). A change after
    sending or adoption makes it a draft again until it is sent: the secretary adopts what was sent.
    Refused once the conference reviewing the year is finalized."""
    assessment = _own_assessment(membership, version)
    if send:
        assessment.status, assessment.submitted_at = SelfAssessment.Status.SUBMITTED, timezone.now()
    else:
        assessment.status, assessment.submitted_at = SelfAssessment.Status.DRAFT, None
    validated_save(by_user(assessment, actor))
    for criterion in scores:
        if (criterion.bloc_id, criterion.year) != (membership.bloc_id, membership.year):
            raise ValidationError(_("Must be a criterion of this bloc in %(year)s.") % {"year": membership.year})
    given = {c.pk: (c, points, comment) for c, (points, comment) in scores.items() if points is not None}
    rows_sync(
        {s.criterion_id: s for s in assessment.scores.select_related("criterion")},
        {pk: {"points": points, "comment": comment} for pk, (_c, points, comment) in given.items()},
        lambda pk, fields: SelfScore(assessment=assessment, criterion=given[pk][0], **fields),
        actor=actor,
    )
    return assessment


@transaction.atomic
def self_assessment_send(*, actor, membership, version=None):
    """Send the saved self-assessment to the bloc as it stands."""
    assessment = _own_assessment(membership, version)
    if assessment.pk is None:
        raise ValidationError(_("Enter your points before sending them."))
    assessment.status, assessment.submitted_at = SelfAssessment.Status.SUBMITTED, timezone.now()
    return validated_save(by_user(assessment, actor))


@transaction.atomic
def pledge_acknowledge(*, actor, membership, version=None):
    """The member confirms the pledge the bloc signs for the year after its own: recorded as its
    acknowledgement (who and when), not as the signature of the printed pledge, which the
    results page records."""
    assessment = _own_assessment(membership, version)
    if not Pledge.objects.filter(bloc_id=membership.bloc_id, year=membership.year + 1).exists():
        raise ValidationError(
            _("The bloc has not recorded the pledge for %(year)s yet.") % {"year": membership.year + 1}
        )
    assessment.pledge_acknowledged_at, assessment.pledge_acknowledged_by = timezone.now(), actor
    return validated_save(by_user(assessment, actor))


@transaction.atomic
def achievement_report_save(*, actor, membership, text, version=None):
    """The member's achievement report. Whether it is nominated (and so may write one) is the
    awards app's rule: awards.services.member_report_save asks it first."""
    assessment = _own_assessment(membership, version)
    assessment.achievement_report = text
    return validated_save(by_user(assessment, actor))


@transaction.atomic
def self_assessments_adopt(*, actor, bloc, year, memberships=None):
    """The secretary takes the members' sent points as the bloc's own (their Score rows), each
    criterion a member scored; one it left blank keeps the bloc's points. `memberships`: only
    theirs (default: every member that sent one). Drafts are never adopted. Refused once the
    conference reviewing the year is finalized. Returns the adopted self-assessments."""
    refuse_if_year_locked(bloc_id=bloc.pk, year=year)
    sent = SelfAssessment.objects.filter(
        membership__bloc=bloc, membership__year=year, status=SelfAssessment.Status.SUBMITTED
    ).select_related("membership")
    if memberships is not None:
        sent = sent.filter(membership__in=list(memberships))
    adopted = []
    for assessment in sent.order_by("pk"):
        membership = assessment.membership
        given = {s.criterion_id: s for s in assessment.scores.select_related("criterion")}
        current = {
            s.criterion_id: s
            for s in Score.objects.filter(membership=membership, criterion_id__in=list(given)).select_related(
                "criterion", "membership"
            )
        }
        rows_sync(
            current,
            {pk: {"points": s.points} for pk, s in given.items()},
            lambda pk, fields, given=given, membership=membership: Score(
                criterion=given[pk].criterion, membership=membership, **fields
            ),
            actor=actor,
        )
        assessment.status, assessment.adopted_at, assessment.adopted_by = (
            SelfAssessment.Status.ADOPTED,
            timezone.now(),
            actor,
        )
        adopted.append(validated_save(by_user(assessment, actor)))
    return adopted


@transaction.atomic
def scoring_import(*, actor, bloc, year, criteria=(), scores=()):
    """A bloc's scoring table of a year as a spreadsheet import gives it: `criteria` (unsaved or
    changed Criterion objects), then `scores` (unsaved or changed Score objects, their criterion
    set). Checked as criteria_save and scores_save check them (the year's lock, each row's rules,
    no points above a lowered maximum), then written a few statements at a time with their audit
    trail: a save per row made 48,000 points take many minutes."""
    refuse_if_year_locked(bloc_id=bloc.pk, year=year)
    for criterion in criteria:
        criterion.bloc, criterion.year = bloc, year
        _refuse_moving(Criterion, criterion)
    check_rows(criteria, exclude=["bloc"])
    changed = [criterion.pk for criterion in criteria if criterion.pk is not None]  # a new one has no points yet
    bulk_write(Criterion, list(criteria), ["group", "max_points"], actor=actor)
    for score in scores:
        score.criterion = score.criterion  # sets criterion_id of a criterion created just above, keeping it loaded
    check_rows(scores, exclude=["criterion", "membership"])
    bulk_write(Score, list(scores), ["points"], actor=actor)
    above = (
        Score.objects.filter(criterion__in=changed, points__gt=F("criterion__max_points")).select_related("criterion")
        if changed
        else Score.objects.none()
    ).first()
    if above is not None:
        raise ValidationError(
            _("Some members already have more than %(max)s points for “%(name)s”.")
            % {"max": format_points(above.criterion.max_points), "name": above.criterion.name}
        )
