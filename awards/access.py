"""Access to proposals follows access to their conference's bloc (blocs.access); submissions
and decisions are recorded by the province's admins, for their own province's proposals."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _

from awards.models import Decision, Proposal, Submission
from awards.selectors import visible_proposals
from blocs.access import can_read_whole_province, can_write_bloc, member_memberships, visible_blocs, writes_province
from emulation.access import get_conference_for_user
from emulation.models import Conference, Pledge, SelfAssessment
from emulation.rules import is_locked, locking_conference


def get_proposal_for_user(user, pk):
    """A proposal the user may read; one outside their blocs or province is a 404."""
    try:
        return visible_proposals(user).get(pk=pk)
    except (Proposal.DoesNotExist, ValueError):
        raise Http404("No such proposal") from None


def get_proposal_for_council(user, pk):
    """A proposal whose awards council vote the user records: the admins of its province (and
    the operator). One outside the user's blocs or province is a 404; one they may only read, a 403."""
    proposal = get_proposal_for_user(user, pk)
    if not (user.is_province_admin and writes_province(user, proposal.conference.bloc.province_id)):
        raise PermissionDenied(_("Only the province's admin records its awards council's vote."))
    return proposal


def check_can_record(user, proposal_ids):
    """A submission or decision for these proposals: their province's admin (or the operator)."""
    if not (user.is_authenticated and user.is_province_admin):
        raise PermissionDenied(_("Only a province admin records submissions and decisions."))
    ids = set(proposal_ids)
    proposals = Proposal.objects.filter(pk__in=ids)
    if not user.is_superuser:
        proposals = proposals.filter(conference__bloc__province_id=user.province_id)
    if proposals.count() != len(ids):
        raise PermissionDenied(_("Some of these proposals are not of your province."))


# Attachments (signed originals) follow the access to their record: reading the record lets one
# download its files. Adding one is for who may change the record, even once it is finalized: the
# minutes and the pledge are signed at the conference and scanned afterwards, by the bloc's
# secretary who holds the paper, and adding the scan changes nothing that was decided. Removing
# one from a finalized record (a finalized conference, what it locks, a signed submission or
# decision) is the province admin's only, so that what was signed cannot be swapped quietly.
ATTACHABLE = {
    "conference": Conference,
    "pledge": Pledge,
    "proposal": Proposal,
    "submission": Submission,
    "decision": Decision,
    "selfassessment": SelfAssessment,  # a member agency's evidence
}


def kind_of(model):
    return next(kind for kind, attachable in ATTACHABLE.items() if attachable is model)


def _province_document_for_user(user, model, pk):
    record = model.objects.select_related("province").filter(pk=pk).first()
    if record is None:
        raise Http404("No such document")
    if user.is_superuser:
        return record
    in_province = user.province_id is not None and user.province_id in (
        record.province_id,
        record.province.merged_into_id,
    )
    if in_province and can_read_whole_province(user):
        return record
    if in_province and record.proposals.filter(conference__bloc__in=visible_blocs(user)).exists():
        return record  # a bloc's secretary reads the tờ trình and decision on their bloc's proposals
    raise Http404("No such document")


def get_attachable_for_user(user, kind, pk):
    """The record `kind` #pk whose attachments the user may read; one they may not read is a 404."""
    model = ATTACHABLE.get(kind)
    if model is None:
        raise Http404("No such kind of record")
    if kind == "conference":
        return get_conference_for_user(user, pk)
    if kind == "proposal":
        return get_proposal_for_user(user, pk)
    if kind == "selfassessment":
        return _self_assessment_for_user(user, pk)
    if kind == "pledge":
        try:
            return Pledge.objects.select_related("bloc__province").get(pk=pk, bloc__in=visible_blocs(user))
        except (Pledge.DoesNotExist, ValueError):
            raise Http404("No such pledge") from None
    return _province_document_for_user(user, model, pk)


def _self_assessment_for_user(user, pk):
    """A member agency's self-assessment: its own staff read it, draft or not; those who read its
    bloc read it once it was sent, never a draft. Anything else is a 404."""
    assessments = SelfAssessment.objects.select_related("membership__bloc__province", "membership__agency")
    if user.is_authenticated and user.is_member_agency:
        assessments = assessments.filter(membership__in=member_memberships(user))
    else:
        assessments = assessments.filter(membership__bloc__in=visible_blocs(user)).exclude(
            status=SelfAssessment.Status.DRAFT
        )
    record = assessments.filter(pk=pk).first() if isinstance(pk, int) else None
    if record is None:
        raise Http404("No such self-assessment")
    return record


def can_send_own_part(user, membership):
    """A member agency's own staff change its part until the conference reviewing its year is
    finalized; nobody else ever does (the secretary adopts it instead)."""
    return (
        user.is_authenticated
        and user.is_member_agency
        and membership.agency_id == user.agency_id
        and locking_conference(bloc_id=membership.bloc_id, year=membership.year) is None
    )


def _is_province_admin_of(user, province_id):
    return user.is_authenticated and user.is_province_admin and writes_province(user, province_id)


def _bloc_and_lock(kind, record):
    if kind == "conference":
        return record.bloc, is_locked(record)
    if kind == "proposal":
        return record.conference.bloc, is_locked(record.conference)
    # a pledge is locked by the finalized conference that recorded it (reviewing the year before)
    return record.bloc, locking_conference(bloc_id=record.bloc_id, year=record.year - 1) is not None


def can_attach(user, kind, record):
    """Whether the user may add files to this record: who may change it, finalized or not."""
    if kind in ("submission", "decision"):
        return _is_province_admin_of(user, record.province_id)
    if kind == "selfassessment":
        return can_send_own_part(user, record.membership)
    bloc, _locked = _bloc_and_lock(kind, record)
    return can_write_bloc(user, bloc) or _is_province_admin_of(user, bloc.province_id)


def can_remove_attachment(user, kind, record):
    """Whether the user may remove files from this record: who may add them while it is open; the
    province admin only once it is finalized."""
    if kind in ("submission", "decision"):
        return _is_province_admin_of(user, record.province_id)
    if kind == "selfassessment":
        return can_send_own_part(user, record.membership)
    bloc, locked = _bloc_and_lock(kind, record)
    if locked:
        return _is_province_admin_of(user, bloc.province_id)
    return can_write_bloc(user, bloc)
