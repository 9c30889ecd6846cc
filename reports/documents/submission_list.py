"""DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG that goes with a tờ trình, by award type, with votes."""

from django.utils.formats import number_format

from reports.documents.structure import Printed, Section, Table
from reports.documents.wording import (
    any_illustrative,
    document_signer,
    illustrative_notes,
    in_full,
    nominee,
    submission_header,
    user,
    votes,
)
from reports.documents.wording import collective as bloc_name

SLUG = "submission-list"


def lay_out(figures):
    """figures: a reports.selectors.SubmissionProposals."""
    submission = figures.submission
    proposals = [p for group in figures.groups for p in group.proposals]
    by = f" của {in_full(submission.issuer)}" if submission.issuer else ""
    return Printed(
        slug=SLUG,
        filename=f"danh-sach-de-nghi-{submission.number}-{submission.date:%Y%m%d}",
        header=submission_header(submission),
        kind="Danh sách",
        subtitle="Đề nghị khen thưởng",
        attached_to=f"(Kèm theo Tờ trình số {user(submission.number)} ngày {submission.date:%d/%m/%Y}{by})",
        sections=[_group(group) for group in figures.groups] or [Section(paragraphs=["Tờ trình chưa có đề nghị nào."])],
        closing=[f"Danh sách có {figures.count} đề nghị./."],
        signers=[document_signer(submission)],
        notes=illustrative_notes(submission.is_illustrative or any_illustrative(proposals)),
    )


def _group(group):
    name = user(group.award_type.name)
    table = Table(
        title=name,
        headers=["STT", "Tập thể, cá nhân", "Khối thi đua", "Năm", "Số phiếu", "Tỷ lệ", "Thành tích"],
        rows=[
            [
                i,
                nominee(p),
                bloc_name(p.conference.bloc),
                p.conference.year,
                votes(p),
                f"{number_format(p.vote_share, 1)}%",
                user(p.achievements) or "…………",
            ]
            for i, p in enumerate(group.proposals, start=1)
        ],
    )
    return Section(heading=f"{name} ({len(group.proposals)})", paragraphs=rules_applied(group), table=table)


def rules_applied(group):
    """The rule each group was judged by, as it stood when the proposals were submitted."""
    return [f"Quy định áp dụng (hiệu lực {period}): {user(source)}" for period, source in group.rules_applied]
