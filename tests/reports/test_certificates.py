"""Certificates printed onto the province's pre-printed blanks: each line where the province set
it for that award type (or the defaults), checked from the PDF's own text positions; the
calibration page; printing in batches; who may print."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils.translation import gettext

from awards.models import CERTIFICATE_LINES, AwardType, CertificateLayout, Decision
from blocs.models import User
from reports.views import CERTIFICATE_BATCH
from tests.reports.certificates import BANG_KHEN, CO_THI_DUA, decision_conferring
from tests.reports.pdf import placed_lines, text_width

TOLERANCE = 1  # mm
A4_LANDSCAPE = (297, 210)

# Where the Điện Biên office has set its Bằng khen blank: none of them the defaults, so that a
# line at its place shows the province's layout was read.
DIEN_BIEN_BANG_KHEN = {
    "recipient": (150, 92),
    "recipient_detail": (150, 106),
    "achievement": (150, 121),
    "decision": (70, 176),
    "place_date": (222, 158),
    "signer_title": (222, 167),
    "signer_name": (222, 195),
}


def _user(username):
    return User.objects.get(username=username)


@pytest.fixture
def decisions(demo):
    """The seed 000 conference's two decisions: the provincial flag (215) and four Bằng khen (216)."""
    return Decision.objects.get(number="215/QĐ-UBND"), Decision.objects.get(number="216/QĐ-UBND")


@pytest.fixture
def bang_khen_layout(demo):
    decision = Decision.objects.get(number="216/QĐ-UBND")
    fields = {
        f"{name}_{axis}": Decimal(value)
        for name, xy in DIEN_BIEN_BANG_KHEN.items()
        for axis, value in zip("xy", xy, strict=True)
    }
    return CertificateLayout.objects.create(
        province=decision.province, award_type=AwardType.objects.get(name=BANG_KHEN), recipient_font_size=24, **fields
    )


def _get_pdf(client, username, url):
    client.force_login(_user(username))
    response = client.get(url)
    assert response.status_code == 200, response.content[:300]
    assert response["Content-Type"] == "application/pdf"
    return response.content


def _line_at(lines, text, x, y, *, bold=False, italic=False):
    """The run of `text` on a page, and how far its middle and baseline are from (x, y) in mm."""
    found = [line for line in lines if line[0] == text]
    assert found, f"{text!r} not on the page: {[line[0] for line in lines]}"
    printed, left, baseline, size = found[0]
    middle = left + text_width(printed, size, bold=bold, italic=italic) / 2
    return abs(middle - float(x)), abs(baseline - float(y))


def _assert_placed(lines, texts, layout):
    """Every line of `texts` ({field: text}) at its position in `layout`, within TOLERANCE."""
    off = {}
    for name, _label in CERTIFICATE_LINES:
        if name not in texts:
            continue
        x, y = layout.position(name)
        dx, dy = _line_at(
            lines, texts[name], x, y, bold=name in ("recipient", "signer_name"), italic=name == "place_date"
        )
        if dx > TOLERANCE or dy > TOLERANCE:
            off[name] = (round(dx, 2), round(dy, 2))
    assert not off, f"lines further than {TOLERANCE} mm from their position (dx, dy): {off}"


def test_seed_000_bang_khen_print_each_line_where_the_province_set_it(client, decisions, bang_khen_layout):
    _flag, bang_khen = decisions
    # The demo does not know the signer's name: a corrected decision names one (illustrative).
    Decision.objects.filter(pk=bang_khen.pk).update(signer="Lò Văn Minh")
    pdf = _get_pdf(client, "admin.dienbien", reverse("reports:certificates_pdf", args=[bang_khen.pk]))
    pages = placed_lines(pdf)
    assert len(pages) == 4  # one page per award
    recipients = []
    for size, lines in pages:
        assert size == A4_LANDSCAPE
        recipient = lines[0][0]
        recipients.append(recipient)
        texts = {
            "recipient": recipient,
            "recipient_detail": "tỉnh Điện Biên",
            # A long achievement wraps within the line's width: its first line is on the position.
            "achievement": "Hoàn thành xuất sắc nhiệm vụ năm 2017; được các thành viên Khối thống",
            "decision": "Quyết định số 216/QĐ-UBND ngày 12/03/2018",
            "place_date": "Điện Biên, ngày 12 tháng 3 năm 2018",
            "signer_title": "TM. ỦY BAN NHÂN DÂN",  # and "CHỦ TỊCH" on the line below
            "signer_name": "Lò Văn Minh",
        }
        _assert_placed(lines, texts, bang_khen_layout)
        assert "CHỦ TỊCH" in [line[0] for line in lines]
        assert lines[0][3] == pytest.approx(24, abs=0.01)  # the recipient's own font size
    assert sorted(recipients) == sorted(
        [
            "Sở Thông tin và Truyền thông",
            "Sở Lao động - Thương binh và Xã hội",
            "Sở Giáo dục và Đào tạo",
            "Sở Khoa học và Công nghệ",
        ]
    )


def test_seed_000_flag_prints_with_the_defaults_when_the_province_set_none(client, decisions):
    flag, _bang_khen = decisions
    pdf = _get_pdf(client, "admin.dienbien", reverse("reports:certificates_pdf", args=[flag.pk]))
    [(size, lines)] = placed_lines(pdf)
    assert size == A4_LANDSCAPE
    defaults = CertificateLayout()
    texts = {
        "recipient": "Bảo hiểm xã hội tỉnh",
        "recipient_detail": "tỉnh Điện Biên",
        "decision": "Quyết định số 215/QĐ-UBND ngày 12/03/2018",
        "place_date": "Điện Biên, ngày 12 tháng 3 năm 2018",
    }
    _assert_placed(lines, texts, defaults)


def test_calibration_page_marks_every_line_at_its_position(client, bang_khen_layout):
    url = reverse(
        "reports:certificate_calibration", args=[bang_khen_layout.province_id, bang_khen_layout.award_type_id]
    )
    pdf = _get_pdf(client, "admin.dienbien", url)
    [(size, lines)] = placed_lines(pdf)
    assert size == A4_LANDSCAPE
    labels = {line[0] for line in lines}
    for name, _label in CERTIFICATE_LINES:
        x, y = bang_khen_layout.position(name)
        assert f"x {x:.1f} · y {y:.1f}".replace(".", ",") in labels, name  # the coordinates beside each cross
    # Each line's name is written on its line, centred on x, its baseline on y.
    _assert_placed(lines, _calibration_labels(), bang_khen_layout)


def _calibration_labels():
    from django.utils import translation

    with translation.override("vi"):
        return {name: str(label).capitalize() for name, label in CERTIFICATE_LINES}


def test_batches_print_their_own_awards_only(client, decisions):
    _flag, bang_khen = decisions
    url = reverse("reports:certificates_pdf", args=[bang_khen.pk])
    everything = [lines[0][0] for _size, lines in placed_lines(_get_pdf(client, "admin.dienbien", url))]
    batch = _get_pdf(client, "admin.dienbien", f"{url}?start=2&count=2")
    second = [lines[0][0] for _size, lines in placed_lines(batch)]
    assert second == everything[2:4]
    assert client.get(f"{url}?start=4&count=2").status_code == 404  # past the last award


def test_the_page_lists_batches_and_the_calibration_pages(client, decisions, bang_khen_layout):
    flag, bang_khen = decisions
    client.force_login(_user("admin.dienbien"))
    response = client.get(reverse("reports:certificates", args=[bang_khen.pk]))
    assert response.status_code == 200
    batches = response.context["batches"]
    assert [(b["first"], b["last"]) for b in batches] == [(1, 4)]
    assert batches[0]["url"].endswith(f"?start=0&count={CERTIFICATE_BATCH}")
    [layout] = response.context["layouts"]
    assert layout["award_type"].name == BANG_KHEN and layout["saved"]
    response = client.get(reverse("reports:certificates", args=[flag.pk]))
    [layout] = response.context["layouts"]
    assert layout["award_type"].name == CO_THI_DUA and not layout["saved"]  # the defaults
    assert b"certificates.js" in response.content


@pytest.mark.parametrize(
    ("username", "status"),
    [("admin.dienbien", 200), ("xem.dienbien", 200), ("thuky.dienbien", 403), ("thuky.vinhphuc", 404)],
)
def test_who_may_print_certificates(client, decisions, username, status):
    _flag, bang_khen = decisions
    client.force_login(_user(username))
    urls = [
        reverse("reports:certificates", args=[bang_khen.pk]),
        reverse("reports:certificates_pdf", args=[bang_khen.pk]),
        reverse(
            "reports:certificate_calibration",
            args=[bang_khen.province_id, AwardType.objects.get(name=BANG_KHEN).pk],
        ),
    ]
    assert [client.get(url).status_code for url in urls] == [status] * 3


# The layout's rules ---------------------------------------------------------------------------


def test_one_layout_per_province_and_award_type(bang_khen_layout):
    again = CertificateLayout(province=bang_khen_layout.province, award_type=bang_khen_layout.award_type)
    with pytest.raises(ValidationError) as refusal:
        again.full_clean()
    assert refusal.value.messages == [gettext("This province already has a layout for this award type.")]
    with pytest.raises(IntegrityError), transaction.atomic():
        again.save()


def test_a_position_off_any_blank_is_refused(decisions):
    flag, _bang_khen = decisions
    flag_type = AwardType.objects.get(name=CO_THI_DUA)
    layout = CertificateLayout(province=flag.province, award_type=flag_type, decision_y=500)
    with pytest.raises(ValidationError) as refusal:
        layout.full_clean()
    assert "decision_y" in refusal.value.message_dict
    with pytest.raises(IntegrityError), transaction.atomic():
        layout.save()


def test_a_position_off_the_chosen_blank_is_refused_with_its_size(decisions):
    flag, _bang_khen = decisions
    flag_type = AwardType.objects.get(name=CO_THI_DUA)
    layout = CertificateLayout(province=flag.province, award_type=flag_type, signer_name_y=250)
    with pytest.raises(ValidationError) as refusal:
        layout.full_clean()
    assert "210 mm" in " ".join(refusal.value.message_dict["signer_name_y"])  # the blank's height
    layout.paper = CertificateLayout.Paper.A3  # 297 mm high, landscape
    layout.full_clean()


def test_font_sizes_are_bounded(decisions):
    flag, _bang_khen = decisions
    layout = CertificateLayout(province=flag.province, award_type=AwardType.objects.get(name=CO_THI_DUA), font_size=2)
    with pytest.raises(ValidationError):
        layout.full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        layout.save()


# Query budgets -----------------------------------------------------------------------------------


@pytest.mark.parametrize("size", [4, 16])
def test_certificates_run_the_same_queries_whatever_the_number_of_awards(
    client, seed_000, bang_khen_layout, django_assert_num_queries, size
):
    decision = decision_conferring(size, seed_000)
    client.force_login(_user("admin.dienbien"))
    url = reverse("reports:certificates_pdf", args=[decision.pk])
    # session, user, the decision with its province, the province (access), the count of its
    # awards, the awards (with conference, award type, membership and agency), the agencies'
    # former names, the province's layouts of their award types.
    with django_assert_num_queries(8):
        response = client.get(url)
    assert len(placed_lines(response.content)) == size
    # The page: session, user, decision, province (access), the award types conferred, the count,
    # the layouts, and the user's province that every page names in its menu bar.
    with django_assert_num_queries(8):
        assert client.get(reverse("reports:certificates", args=[decision.pk])).status_code == 200
