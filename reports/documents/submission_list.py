"""DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG that goes with a tờ trình, by award type, with votes."""

from django.utils.formats import number_format

from awards import selectors as award_selectors
from reports.documents.structure import Printed, Section, Signer, Table
from reports.documents.wording import ILLUSTRATIVE, submission_header, votes


def build(*, submission):
    """DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG that goes with a tờ trình, by award type, with votes."""
    proposals = list(
        award_selectors.every_proposal()
        .filter(submission=submission)
        .order_by("award_type__precedence", "conference__bloc__name", "membership__agency__sort_key", "person_name")
    )
    sections = []
    by_type = {}
    for proposal in proposals:
        by_type.setdefault(proposal.award_type, []).append(proposal)
    for award_type, group in by_type.items():
        sections.append(
            Section(
                heading=f"{award_type.name} ({len(group)})",
                table=Table(
                    title=award_type.name,
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
                        for i, p in enumerate(group, start=1)
                    ],
                ),
            )
        )
    return Printed(
        slug="submission-list",
        filename=f"danh-sach-de-nghi-{submission.number.replace('/', '-')}-{submission.date:%Y%m%d}",
        header=submission_header(submission),
        kind="Danh sách",
        subtitle=(
            f"Đề nghị khen thưởng (kèm theo Tờ trình số {submission.number} ngày {submission.date:%d/%m/%Y}): "
            f"{len(proposals)} đề nghị"
        ),
        sections=sections or [Section(paragraphs=["Tờ trình chưa có đề nghị nào."])],
        signers=[Signer([submission.signer_title or "Người ký"], submission.signer)],
        notes=[ILLUSTRATIVE] if submission.is_illustrative else [],
    )
