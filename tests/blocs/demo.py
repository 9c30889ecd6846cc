"""Helpers of the tests of the demo data (test_load_demo.py, test_demo_data.py)."""

from io import StringIO

from django.apps import apps
from django.core.management import call_command

from blocs.models import Bloc, Leadership, Membership

CULTURE = "Khối Văn hóa - Xã hội"
DIEN_BIEN_NAMED = {
    "Bảo hiểm xã hội tỉnh",
    "Sở Thông tin và Truyền thông",
    "Sở Lao động - Thương binh và Xã hội",
    "Sở Giáo dục và Đào tạo",
    "Sở Khoa học và Công nghệ",
}
VINH_PHUC_NAMED = {
    "Sở Thông tin và Truyền thông",
    "Sở Giáo dục và Đào tạo",
    "Sở Lao động - Thương binh và Xã hội",
    "Ban Dân tộc tỉnh",
}


def load(**options):
    out = StringIO()
    call_command("load_demo", stdout=out, **options)
    return out.getvalue()


def culture_bloc(province):
    return Bloc.objects.get(province__name=province, name=CULTURE)


def member_names(bloc, year):
    """The names the members had in that year, as that year's records print them."""
    return {m.printed_name for m in Membership.objects.filter(bloc=bloc, year=year).select_related("agency")}


def leader_and_deputy(bloc, year):
    leadership = Leadership.objects.select_related("leader__agency", "deputy__agency").get(bloc=bloc, year=year)
    return leadership.leader.agency.name_in(year), leadership.deputy.agency.name_in(year)


def is_history(label):
    return label.split(".")[1].startswith("Historical")


def snapshot():
    """Every row of every model of ours, the user-bloc link table and the audit trail included."""
    models = [
        model
        for app in ("blocs", "emulation", "awards")
        for model in apps.get_app_config(app).get_models(include_auto_created=True)
    ]
    return {model._meta.label: list(model.objects.order_by("pk").values()) for model in models}
