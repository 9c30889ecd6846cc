"""Wording the parts of a bloc's award dossier share: whom they go to, the law they cite,
each nominee's tally."""

from django.utils.formats import number_format

from reports.documents.structure import Header
from reports.documents.wording import NUMBER_BLANK, collective, star, user

ADDRESSEE = "Hội đồng Thi đua - Khen thưởng tỉnh"


def addressee(bloc):
    return f"{ADDRESSEE} {user(bloc.province.name)}"


def legal_basis(basis):
    """The “Căn cứ …” lines of the law in force on the conference's day."""
    return [
        f"Căn cứ {basis.law};",
        f"Căn cứ {basis.decree} quy định chi tiết thi hành một số điều của Luật Thi đua, khen thưởng;",
    ]


def submission_reference(bloc):
    """How the list names the tờ trình it goes with, whose number the bloc's register gives."""
    code = f"-{user(bloc.document_code)}" if bloc.document_code else ""
    return f"(Kèm theo Tờ trình số {NUMBER_BLANK}/TTr{code} của {collective(bloc)})"


def attached_header(bloc, year):
    """A list that goes with the bloc's tờ trình: the bloc's header without a number or date."""
    return Header(
        parent=f"UBND tỉnh {user(bloc.province.name)}",
        issuer=user(bloc.name),
        number="",
        place=user(bloc.province.name),
        date=None,
        year=year,
        attached=True,
    )


def share(proposal, of):
    """The votes in favour as a percentage of `of` (ballots or members), one decimal."""
    return f"{number_format(proposal.votes_for * 100 / of, 1)}%" if of else "—"


def votes_for(proposal):
    return f"{proposal.votes_for}{star(proposal.votes_illustrative)}"
