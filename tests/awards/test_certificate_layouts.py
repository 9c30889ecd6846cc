"""Where a province prints its certificates, kept in the admin site through the service: its own
province's layouts only, a position off the blank refused with a sentence, and the defaults for
an award type it has set none for."""

from django.urls import reverse

from awards.models import CERTIFICATE_LINES, CertificateLayout
from awards.selectors import certificate_layouts
from tests.awards.helpers import PROVINCIAL_CERTIFICATE, PROVINCIAL_FLAG, award


def url(action="changelist", *args):
    return reverse(f"admin:awards_certificatelayout_{action}", args=args)


def layout_post(province, award_name, **fields):
    defaults = CertificateLayout()
    data = {
        "province": str(province.pk),
        "award_type": str(award(award_name).pk),
        "paper": CertificateLayout.Paper.A4,
        "orientation": CertificateLayout.Orientation.LANDSCAPE,
        "font_size": "14",
        "recipient_font_size": "22",
        "line_width": "150",
        "_save": "Save",
    }
    for name, _label in CERTIFICATE_LINES:
        x, y = defaults.position(name)
        data[f"{name}_x"], data[f"{name}_y"] = str(x), str(y)
    return data | {name: str(value) for name, value in fields.items()}


def test_province_admin_sets_a_layout_through_the_service(client, province, province_admin):
    client.force_login(province_admin)
    response = client.post(url("add"), layout_post(province, PROVINCIAL_CERTIFICATE, recipient_y="95.5"))
    assert response.status_code == 302, response.context["adminform"].form.errors
    layout = CertificateLayout.objects.get(province=province, award_type=award(PROVINCIAL_CERTIFICATE))
    assert str(layout.recipient_y) == "95.5"
    assert layout.history.get().history_user == province_admin  # saved by the service, as the admin


def test_a_line_off_the_blank_is_refused_with_a_sentence(client, province, province_admin):
    client.force_login(province_admin)
    response = client.post(url("add"), layout_post(province, PROVINCIAL_CERTIFICATE, signer_name_x="350"))
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert "297 mm" in " ".join(errors["signer_name_x"])
    assert not CertificateLayout.objects.exists()


def test_province_admin_cannot_set_another_provinces_layout(client, province, other_province, province_admin):
    client.force_login(province_admin)
    response = client.post(url("add"), layout_post(other_province, PROVINCIAL_CERTIFICATE))
    assert response.status_code == 200
    assert "province" in response.context["adminform"].form.errors
    assert not CertificateLayout.objects.exists()


def test_nobody_sees_another_provinces_layouts(client, province, other_province, outsider):
    CertificateLayout.objects.create(province=province, award_type=award(PROVINCIAL_FLAG))
    client.force_login(outsider)
    response = client.get(url())
    assert response.status_code == 200
    assert list(response.context["cl"].result_list) == []


def test_an_award_type_without_a_layout_prints_with_the_defaults(province, django_assert_num_queries):
    saved = CertificateLayout.objects.create(province=province, award_type=award(PROVINCIAL_FLAG), recipient_y=90)
    types = [award(PROVINCIAL_FLAG), award(PROVINCIAL_CERTIFICATE)]
    with django_assert_num_queries(1):  # the province's layouts of these award types
        layouts = certificate_layouts(province=province, award_types=types)
    assert layouts[types[0].pk] == saved
    default = layouts[types[1].pk]
    assert default.pk is None and default.page_size == (297, 210) and default.position("recipient") == (148.5, 100)
