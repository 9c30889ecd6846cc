"""Reads for the award pages: a conference's proposals, the province's list, and an
agency's record over the years."""

from dataclasses import dataclass

from awards import rules
from awards.models import CertificateLayout, Proposal
from blocs.access import visible_blocs
from blocs.models import Leadership
from core.history import Source, subject_of
from emulation.selectors import attach_memberships


def _proposals():
    # Submission and decision are prefetched, not joined: two more joins make PostgreSQL spend
    # longer planning the query than the two small queries take (docs/benchmarks.md).
    return Proposal.objects.select_related("conference__bloc", "award_type", "membership__agency").prefetch_related(
        "submission", "decision", "membership__agency__former_names"
    )


def every_proposal():
    """Every proposal, with what its pages and documents print; for the command line and
    for documents whose object the user was already allowed to open."""
    return _proposals()


def conference_proposals(*, conference, members=None, check=True):
    """The proposals of a conference, and the rule problems they have now (an empty list
    when check is False: the printed documents show no problems). `members`, the
    conference's memberships already read with their name history, spares reading them
    again."""
    if members is None:
        proposals = list(_proposals().filter(conference=conference))
    else:
        proposals = list(
            Proposal.objects.filter(conference=conference)
            .select_related("award_type", "submission", "decision")
            .order_by("award_type__precedence", "membership__agency__sort_key", "person_name")
        )
        attach_memberships(proposals, "membership", known={m.pk: m for m in members})
    for proposal in proposals:
        proposal.conference = conference
    if not check:
        return proposals, []
    return proposals, rules.judge(conference=conference, proposals=proposals).problems


def proposal_verdict(*, proposal):
    """How `proposal` fares under the rule that judges it (awards.rules.Verdict): judged with the
    other proposals of its conference, since quotas count them all."""
    conference = proposal.conference
    proposals = list(Proposal.objects.filter(conference=conference).select_related("award_type", "membership__agency"))
    for other in proposals:
        other.conference = conference
    rules.judge(conference=conference, proposals=proposals)
    return next(p.verdict for p in proposals if p.pk == proposal.pk)


def rules_cited(proposals):
    """The rule versions that judged `proposals` (each one's `verdict`, set by rules.judge), each
    once, higher awards first: what the page cites."""
    cited = {}
    for proposal in proposals:
        rule = getattr(proposal, "verdict", None) and proposal.verdict.rule
        if rule is not None:
            cited.setdefault(rule.pk, rule)
    return list(cited.values())


def visible_proposals(user):
    return _proposals().filter(conference__bloc__in=visible_blocs(user))


def filter_proposals(queryset, *, year=None, bloc=None, status=None, award_type=None):
    if year:
        queryset = queryset.filter(conference__year=year)
    if bloc:
        queryset = queryset.filter(conference__bloc=bloc)
    if status:
        queryset = queryset.filter(status=status)
    if award_type:
        queryset = queryset.filter(award_type=award_type)
    return queryset.order_by("-conference__year", "conference__bloc__name", "award_type__precedence", "pk")


@dataclass
class RecordLine:
    proposal: Proposal
    role: str  # "leader", "deputy" or "" in the reviewed year


def agency_record(*, agency, user=None):
    """Every proposal for the agency (as a collective or as an individual's agency) that
    the user may see (all without a user: the command line), newest first, with whether
    it led or deputised its bloc that year."""
    proposals = list(
        (visible_proposals(user) if user else _proposals())
        .filter(membership__agency=agency)
        .order_by("-conference__year", "award_type__precedence", "person_name")
    )
    roles = {}
    for leadership in Leadership.objects.filter(bloc__in={p.conference.bloc_id for p in proposals}).select_related(
        "leader", "deputy"
    ):
        if leadership.leader.agency_id == agency.pk:
            roles[(leadership.bloc_id, leadership.year)] = "leader"
        elif leadership.deputy and leadership.deputy.agency_id == agency.pk:
            roles[(leadership.bloc_id, leadership.year)] = "deputy"
    return [RecordLine(p, roles.get((p.conference.bloc_id, p.conference.year), "")) for p in proposals]


def proposal_history_source(*, conference=None, proposal=None):
    """The audit trail of a conference's proposals, or of one proposal, for
    blocs.history.timeline: each named by its award and nominee."""
    if conference is not None:
        records = Proposal.history.filter(conference_id=conference.pk)
    else:
        records = Proposal.history.filter(id=proposal.pk)

    def subject(record, label):
        nominee = label(record, "membership")
        if record.person_name:
            nominee = f"{record.person_name}, {nominee}"
        return subject_of(Proposal, f"{label(record, 'award_type')} — {nominee}")

    return Source(records, subject, hidden=("conference",))


def certificate_layouts(*, province, award_types):
    """{award type id: where its certificates print in `province`}: the province's own layout, or
    the defaults (an unsaved layout) for an award type it has set none for. One query."""
    saved = {
        layout.award_type_id: layout
        for layout in CertificateLayout.objects.filter(province=province, award_type__in=award_types)
    }
    layouts = {}
    for award_type in award_types:
        layout = saved.get(award_type.pk) or CertificateLayout()
        layout.province, layout.award_type = province, award_type  # already read: no query to name them
        layouts[award_type.pk] = layout
    return layouts


def nominations_of(*, membership):
    """The award types a member was proposed for at the conference reviewing its year."""
    return list(
        Proposal.objects.filter(membership=membership).select_related("award_type").order_by("award_type__name")
    )
