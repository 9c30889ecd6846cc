"""The award dossier of the demo's Điện Biên 2017 bloc (seed 000), read back from its ZIP: the
tờ trình, the vote minutes, the list and the five achievement reports, each as DOCX and PDF."""

import io
import zipfile

import pytest

from reports import output
from tests.reports.dossier import DECREE_2017, FORM_2017, NOMINEES, docx_text
from tests.reports.pdf import pdf_text, squash


@pytest.mark.slow
def test_dossier_zip_of_seed_000(seed_000):
    """The Điện Biên 2017 bloc: tờ trình, vote minutes, list and five achievement reports, each
    as DOCX and PDF, citing Nghị định 91/2017 and its template."""
    archive = zipfile.ZipFile(io.BytesIO(output.to_zip(output.build_dossier(conference=seed_000))))
    names = archive.namelist()
    assert len(names) == 16 and len({n[:2] for n in names}) == 8
    assert all(n.isascii() and "/" not in n for n in names)
    pdfs = {n[:2]: squash(pdf_text(archive.read(n))[0]) for n in names if n.endswith(".pdf")}
    docxs = {n[:2]: docx_text(archive.read(n)) for n in names if n.endswith(".docx")}

    submission, minutes, nominees = pdfs["01"], pdfs["02"], pdfs["03"]
    assert "TỜ TRÌNH" in submission and "Kính gửi: Hội đồng Thi đua - Khen thưởng tỉnh Điện Biên" in submission
    assert DECREE_2017 in submission and "5 báo cáo thành tích" in submission
    assert "BIÊN BẢN" in minutes and "Họp bình xét, suy tôn thi đua, khen thưởng năm 2017" in minutes
    assert "Thành viên có mặt: 8/8" in minutes and "Ý kiến bằng văn bản của thành viên vắng mặt" in minutes
    assert "DANH SÁCH" in nominees and "(Kèm theo Tờ trình số" in nominees
    for text in (submission, minutes, nominees):
        assert all(name in text for name in NOMINEES)
    # The tally: each nominee had 8 votes of 8 ballots, the bloc 8 members.
    assert minutes.count("8 8 8 * 100,0% 100,0%") == 5

    reports = [pdfs[n] for n in ("04", "05", "06", "07", "08")]
    assert sorted(next(name for name in NOMINEES if f"Tên tập thể đề nghị: {name}" in r) for r in reports) == sorted(
        NOMINEES
    )
    for report in reports:
        assert "BÁO CÁO THÀNH TÍCH" in report and FORM_2017 in report
        for heading in ("I. Sơ lược đặc điểm, tình hình", "II. Thành tích đạt được", "III. Các hình thức"):
            assert heading in report
        assert "8/8 phiếu đồng ý" in report
    bhxh = next(r for r in reports if "Tên tập thể đề nghị: Bảo hiểm xã hội tỉnh" in r)
    assert "Đề nghị tặng Cờ thi đua của UBND tỉnh" in bhxh
    # The DOCX say the same.
    assert DECREE_2017 in docxs["01"] and all(name in docxs["03"] for name in NOMINEES)
    assert all(FORM_2017 in docxs[n] for n in ("04", "05", "06", "07", "08"))
