"""DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG that goes with a tờ trình, by award type, with votes."""

from django.utils.formats import number_format

from reports.documents.structure import Printed, Section, Signer, Table
from reports.documents.wording import illustrative_notes, submission_header, votes

SLUG = "submission-list"


def lay_out(figures):
    """figures: a reports.selectors.SubmissionProposals."""
    submission = figures.submission
    return Printed(
        slug=SLUG,
        filename=f"danh-sach-de-nghi-{submission.number.replace('/', '-')}-{submission.date:%Y%m%d}",
        header=submission_header(submission),
        kind="Danh sách",
        subtitle=(
            f"Đề nghị khen thưởng (kèm theo Tờ trình số {submission.number} ngày {submission.date:%d/%m/%Y}): "
            f"{figures.count} đề nghị"
        ),
        sections=[_group(group) for group in figures.groups] or [Section(paragraphs=["Tờ trình chưa có đề nghị nào."])],
        signers=[Signer([submission.signer_title or "Người ký"], submission.signer)],
        notes=illustrative_notes(submission.is_illustrative),
    )


def _group(group):
    name = group.award_type.name
    table = Table(
        title=name,
        headers=["STT", "Tập thể, cá nhân", "Khối thi đua", "Năm", "Số phiếu", "Tỷ lệ", "Thành tích"],
        rows=[
            [
                i,
                p.nominee_name,
                p.conference.bloc.name,
                p.conference.year,
                votes(p),
                f"{number_format(p.vote_share, 1)}%",
                p.achievements,
            ]
            for i, p in enumerate(group.proposals, start=1)
        ],
    )
    return Section(heading=f"{name} ({len(group.proposals)})", paragraphs=rules_applied(group), table=table)


def rules_applied(group):
    """The rule each group was judged by, as it stood when the proposals were submitted."""
    return [f"Quy định áp dụng (hiệu lực {period}): {source}" for period, source in group.rules_applied]
