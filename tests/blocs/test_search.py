"""Agency search without diacritics or case, and Vietnamese alphabetical order.

Both are computed in Python (blocs/text.py) and stored, so that SQLite and PostgreSQL
answer alike; this module runs in both passes of the suite. Each behaviour is shown
on the queryset and on the agency list page.
"""

import datetime

import pytest
from django.urls import reverse

from blocs import services
from blocs.models import Agency
from blocs.services import system_actor
from core.text import fold, sort_key
from tests.blocs.factories import AgencyFactory

pytestmark = pytest.mark.django_db

# In Vietnamese alphabetical order. Plain code-point order, or folding the diacritics
# away, would put several of them elsewhere: "Đ" after "Z", "Ủ" after "V", "Đài"
# before "Dịch".
NAMES_IN_ORDER = [
    "Ban Dân tộc tỉnh",
    "Bảo hiểm xã hội tỉnh",
    "Cục Thuế tỉnh",
    "Dịch vụ công ích tỉnh",
    "Đài Phát thanh và Truyền hình tỉnh",
    "Sở Giáo dục và Đào tạo",
    "Sở Y tế",
    "Ủy ban Mặt trận Tổ quốc tỉnh",
    "Văn phòng UBND tỉnh",
]


@pytest.fixture
def registry(province, other_province):
    """The agencies above, created out of order, and one of another province."""
    for name in reversed(NAMES_IN_ORDER):
        AgencyFactory(province=province, name=name)
    AgencyFactory(province=other_province, name="Bảo hiểm xã hội tỉnh Vĩnh Phúc")


def names(queryset):
    return [agency.name for agency in queryset]


def search(query):
    return names(Agency.objects.filter(province__code="dien-bien").search(query))


# The text helpers ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Bảo hiểm xã hội tỉnh", "bao hiem xa hoi tinh"),
        ("SỞ GIÁO DỤC VÀ ĐÀO TẠO", "so giao duc va dao tao"),
        ("Đài", "dai"),
        ("  Sở   Y tế ", "so y te"),
        ("Ba\u0309o hiê\u0309m", "bao hiem"),  # decomposed input, as some keyboards type it
        ("", ""),
    ],
)
def test_fold(text, folded):
    assert fold(text) == folded


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("Ban", "Bảo"),  # letters first: n before o
        ("Cục", "Đài"),
        ("Dịch", "Đài"),  # d before đ, whatever follows
        ("a", "ă"),
        ("ă", "â"),
        ("o", "ô"),
        ("ô", "ơ"),
        ("u", "ư"),
        ("Ban", "Bàn"),  # then tones: level, huyền, hỏi, ngã, sắc, nặng
        ("Bàn", "Bản"),
        ("Bản", "Bãn"),
        ("Bãn", "Bán"),
        ("Bán", "Bạn"),
        ("Bạn", "Bao"),  # a tone never outweighs a letter
        ("Sở Y", "Sở Y tế"),  # a shorter name first
        ("Sở Y tế", "Sở Y Tế tỉnh"),
        ("sở y tế", "Sở Y Tế tỉnh"),  # case does not matter
    ],
)
def test_sort_key_follows_vietnamese_order(before, after):
    assert sort_key(before) < sort_key(after)


def test_sort_key_ignores_case_and_punctuation_spacing():
    assert sort_key("SỞ Y TẾ") == sort_key("Sở Y tế")
    assert sort_key("Sở Lao động - Thương binh") == sort_key("Sở Lao động Thương binh")


# Search on the queryset ----------------------------------------------------------------


@pytest.mark.usefixtures("registry")
class TestAgencySearch:
    def test_without_diacritics(self):
        assert search("bao hiem") == ["Bảo hiểm xã hội tỉnh"]

    def test_in_capitals_without_diacritics(self):
        assert search("SO GIAO DUC") == ["Sở Giáo dục và Đào tạo"]

    def test_with_diacritics_and_mixed_case(self):
        assert search("bảo HIỂM") == ["Bảo hiểm xã hội tỉnh"]

    def test_d_finds_đ(self):
        assert search("dai phat") == ["Đài Phát thanh và Truyền hình tỉnh"]

    def test_đ_finds_d(self):
        assert search("Đân tộc") == ["Ban Dân tộc tỉnh"]
        assert search("đich vu") == ["Dịch vụ công ích tỉnh"]

    def test_every_word_must_match_in_any_order(self):
        assert search("tao giao") == ["Sở Giáo dục và Đào tạo"]
        assert search("giao thue") == []

    def test_part_of_a_word_matches(self):
        assert search("truyen h") == ["Đài Phát thanh và Truyền hình tỉnh"]

    def test_results_keep_vietnamese_order(self):
        assert search("tinh") == [name for name in NAMES_IN_ORDER if "tỉnh" in name]

    def test_like_wildcards_are_plain_characters(self):
        assert search("%") == []
        assert search("_") == []

    def test_empty_query_finds_everything(self):
        assert search("   ") == NAMES_IN_ORDER


def test_search_finds_the_short_name(province):
    AgencyFactory(province=province, name="Bảo hiểm xã hội tỉnh", short_name="BHXH")
    assert names(Agency.objects.search("bhxh")) == ["Bảo hiểm xã hội tỉnh"]


def test_search_finds_a_former_name(province):
    """Old minutes name the agency as it was then; searching that name still finds it."""
    agency = AgencyFactory(province=province, name="Sở Bưu chính, Viễn thông")
    agency.name = "Sở Thông tin và Truyền thông"
    services.agency_save(actor=system_actor(), agency=agency, renamed_on=datetime.date(2008, 3, 11))
    assert names(Agency.objects.search("buu chinh")) == ["Sở Thông tin và Truyền thông"]


def test_agencies_are_in_vietnamese_order(registry):
    assert names(Agency.objects.filter(province__code="dien-bien")) == NAMES_IN_ORDER


def test_a_renamed_agency_moves_to_its_new_place(province, registry):
    agency = Agency.objects.get(name="Cục Thuế tỉnh")
    agency.name = "Thuế tỉnh"
    services.agency_save(actor=system_actor(), agency=agency, renamed_on=datetime.date(2025, 7, 1))
    assert names(Agency.objects.filter(province=province))[-3:] == [
        "Thuế tỉnh",
        "Ủy ban Mặt trận Tổ quốc tỉnh",
        "Văn phòng UBND tỉnh",
    ]


# Search on the agency list page --------------------------------------------------------


@pytest.mark.usefixtures("registry")
class TestAgencyListPage:
    def get(self, client, province_admin, **params):
        client.force_login(province_admin)
        response = client.get(reverse("blocs:agency_list"), params)
        assert response.status_code == 200
        return response

    def test_lists_the_province_in_vietnamese_order(self, client, province_admin):
        response = self.get(client, province_admin)
        assert names(response.context["page"]) == NAMES_IN_ORDER
        html = response.content.decode()
        positions = [html.index(f">{name}</a>") for name in NAMES_IN_ORDER]
        assert positions == sorted(positions)

    @pytest.mark.parametrize(
        ("query", "found"),
        [
            ("bao hiem", "Bảo hiểm xã hội tỉnh"),
            ("SO GIAO DUC", "Sở Giáo dục và Đào tạo"),
            ("dai phat thanh", "Đài Phát thanh và Truyền hình tỉnh"),
            ("đân tộc", "Ban Dân tộc tỉnh"),
        ],
    )
    def test_search(self, client, province_admin, query, found):
        response = self.get(client, province_admin, q=query)
        assert names(response.context["page"]) == [found]
        html = response.content.decode()
        assert f">{found}</a>" in html
        assert f'value="{query}"' in html  # the box keeps the query

    def test_search_stays_in_the_province(self, client, province_admin):
        response = self.get(client, province_admin, q="bao hiem")
        assert "Vĩnh Phúc" not in response.content.decode()

    def test_no_match_says_so(self, client, province_admin):
        response = self.get(client, province_admin, q="khong co")
        assert list(response.context["page"]) == []
        assert "Không có cơ quan nào khớp." in response.content.decode()
