"""Writes for conferences, pledges and scoring. Each save is all-or-nothing."""

from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from blocs import services as bloc_services
from blocs.models import Leadership
from emulation.models import Attendance, Conference, Criterion, Pledge, Score, Signature, format_points


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


def _saved(obj):
    obj.full_clean()
    obj.save()
    return obj


def _refuse_if_locked(conference):
    if conference.pk and conference.is_finalized:
        raise PermissionDenied(_("This conference is finalized. A province admin can reopen it."))


@transaction.atomic
def conference_save_results(*, bloc, year, results, conference=None):
    """Create or replace a conference's results. Raises ValidationError (and saves
    nothing) when any part breaks a rule."""
    conference = conference or Conference(bloc=bloc, year=year)
    _refuse_if_locked(conference)
    for name, value in results.details.items():
        setattr(conference, name, value)
    _saved(conference)

    conference.attendances.all().delete()
    for membership, (representative, title) in results.present.items():
        _saved(
            Attendance(
                conference=conference, membership=membership, representative=representative, representative_title=title
            )
        )
    for organisation, representative, title in results.guests:
        _saved(
            Attendance(
                conference=conference,
                guest_organisation=organisation,
                representative=representative,
                representative_title=title,
            )
        )

    Score.objects.filter(criterion__bloc=bloc, criterion__year=year).delete()
    for (criterion, membership), points in results.scores.items():
        if points is not None:
            _saved(Score(criterion=criterion, membership=membership, points=points))

    if results.pledge is not None:
        pledge = Pledge.objects.filter(bloc=bloc, year=year + 1).first() or Pledge(bloc=bloc, year=year + 1)
        for name, value in results.pledge.items():
            setattr(pledge, name, value)
        _saved(pledge)
        pledge.signatures.all().delete()
        for membership, (signer, title) in results.signatures.items():
            _saved(Signature(pledge=pledge, membership=membership, signer=signer, signer_title=title))

    if results.leader is not None:
        bloc_services.leadership_set(bloc=bloc, year=year + 1, leader=results.leader, deputy=results.deputy)
    elif results.deputy is not None:
        raise ValidationError({"deputy": _("Elect a leader before a deputy.")})
    else:
        Leadership.objects.filter(bloc=bloc, year=year + 1).delete()
    return conference


@transaction.atomic
def conference_finalize(*, conference, user):
    _refuse_if_locked(conference)
    conference.status = Conference.Status.FINALIZED
    conference.finalized_at, conference.finalized_by = timezone.now(), user
    return _saved(conference)


@transaction.atomic
def conference_reopen(*, conference, user):
    if not user.is_province_admin:
        raise PermissionDenied(_("Only a province admin can reopen a finalized conference."))
    conference.status = Conference.Status.DRAFT
    conference.finalized_at = conference.finalized_by = None
    return _saved(conference)


@transaction.atomic
def criteria_save(*, bloc, year, rows, deleted=()):
    """Create or change a scoring table's criteria. `rows` are unsaved or changed Criterion objects."""
    conference = Conference.objects.filter(bloc=bloc, year=year).first()
    if conference:
        _refuse_if_locked(conference)
    for criterion in deleted:
        criterion.delete()
    for criterion in rows:
        criterion.bloc, criterion.year = bloc, year
        _saved(criterion)
        # A lowered maximum must not leave points above it.
        if criterion.scores.filter(points__gt=criterion.max_points).exists():
            raise ValidationError(
                _("Some members already have more than %(max)s points for “%(name)s”.")
                % {"max": format_points(criterion.max_points), "name": criterion.name}
            )
    return Criterion.objects.filter(bloc=bloc, year=year)
