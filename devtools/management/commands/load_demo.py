"""Loads the demo data of blocs/demo.py; safe to run again, it converges on the same rows."""

from collections import Counter

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.text import capfirst

from awards import demo as award_demo
from blocs import demo, services
from blocs.models import Agency, AgencyMerger, Bloc, Leadership, Membership, Province, User
from core.services import by_user, model_update
from emulation import demo as conference_demo
from emulation import services as conference_services


class Command(BaseCommand):
    help = (
        "Nạp dữ liệu mẫu (chỉ để dùng thử): hai tỉnh, các khối thi đua, cơ quan, thành viên, "
        "Trưởng khối và một tài khoản cho mỗi vai trò. Chạy lại nhiều lần không tạo bản ghi trùng. "
        "Lấy từ hai tin hội nghị thật: Điện Biên (08/01/2018) — Khối Văn hóa - Xã hội có 8 cơ quan năm "
        "2017, trong đó có Bảo hiểm xã hội tỉnh, Sở Thông tin và Truyền thông, Sở Lao động - Thương binh "
        "và Xã hội, Sở Giáo dục và Đào tạo, Sở Khoa học và Công nghệ; Sở Thông tin và Truyền thông là "
        "Trưởng khối năm 2018. Vĩnh Phúc (13/01/2021) — Sở Thông tin và Truyền thông là Trưởng khối năm "
        "2020, Ban Dân tộc tỉnh năm 2021. Năm 2025 theo thực tế: Sở Thông tin và Truyền thông sáp nhập vào "
        "Sở Khoa học và Công nghệ từ 01/03/2025 ở cả hai tỉnh, Ban Dân tộc Điện Biên đổi tên, Vĩnh Phúc "
        "hợp nhất vào tỉnh Phú Thọ mới từ 01/07/2025 (có tài khoản quản trị Phú Thọ). "
        "Mọi thứ khác là minh họa: cơ quan đánh dấu “minh họa”, thành viên ghi chú “Minh họa”, "
        "mọi Phó trưởng khối và Trưởng khối các năm khác. "
        "Loads demo data (for trying the product only); refuses to run with DEBUG off unless --force."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--force",
            action="store_true",
            help="Nạp cả khi DEBUG tắt. Load even with DEBUG off (the demo passwords are public).",
        )

    def handle(self, *args, force=False, verbosity=1, **options):
        # The demo passwords are published in the README and the code: a server with
        # DEBUG off is presumed to be a real one.
        if not settings.DEBUG and not force:
            raise CommandError(
                "DEBUG đang tắt: không nạp dữ liệu mẫu, vì mật khẩu các tài khoản demo là công khai. "
                "Nếu đây là máy thử nghiệm, chạy lại với --force. "
                "(DEBUG is off: refusing to load demo data with public passwords; use --force on a test machine.)"
            )
        with transaction.atomic():
            loader = Loader()
            loader.load()
        if verbosity >= 1:
            self._report(loader)

    def _report(self, loader):
        self.stdout.write(self.style.SUCCESS("Đã nạp dữ liệu mẫu."))
        labels = {
            Province: "Tỉnh",
            Agency: "Cơ quan, đơn vị",
            Bloc: "Khối thi đua",
            Membership: "Thành viên khối (theo năm)",
            Leadership: "Trưởng khối, Phó trưởng khối (theo năm)",
            AgencyMerger: "Sáp nhập cơ quan",
        }
        for model in loader.seen:
            label = labels.get(model) or capfirst(model._meta.verbose_name_plural)
            self.stdout.write(
                f"  {label}: {loader.seen[model]} (mới {loader.created[model]}, cập nhật {loader.updated[model]})"
            )
        self.stdout.write("")
        self.stdout.write(self.style.WARNING("Tài khoản demo (chỉ dùng thử):"))
        width = max(len(user["username"]) for user in demo.DEMO_USERS) + 2
        pw_width = max(len(user["password"]) for user in demo.DEMO_USERS) + 2
        self.stdout.write(f"  {'Tên đăng nhập':<{width}}{'Mật khẩu':<{pw_width}}Vai trò")
        for user in demo.DEMO_USERS:
            self.stdout.write(f"  {user['username']:<{width}}{user['password']:<{pw_width}}{user['label']}")


class Loader:
    """Brings the database to the demo state: creates what is missing, puts back what
    differs, and leaves alone any other rows (someone's own test data)."""

    def __init__(self):
        self.seen, self.created, self.updated = Counter(), Counter(), Counter()
        self.provinces = {}
        self.agencies = {}  # (province name, name in the seed years) -> Agency
        self.blocs = {}  # (province name, bloc name) -> Bloc
        self.new_agencies = set()  # their 2025 changes are part of creating them, not updates
        self.new_conferences = {}  # (province name, bloc name, year) -> a conference created this run
        self.actor = services.system_actor()  # the author of every change in the audit trail

    def load(self):
        for spec in demo.PROVINCES:
            self._province(spec)
        for province, specs in demo.AGENCIES.items():
            for spec in specs:
                self._agency(province, spec)
        for spec in demo.MERGERS:
            self._merger(spec)
        for spec in demo.RENAMES:
            self._rename(spec)
        for spec in demo.BLOCS:
            self._bloc(spec)
        for spec in demo.PROVINCE_MERGERS:
            self._province_merger(spec)
        for spec in demo.DEMO_USERS:
            self._user(spec)
        # The seed conferences are entered as their secretaries would: the results, then the
        # proposals voted, then finalized. One already there is someone's: it is left alone.
        conference_demo.load(self)
        award_demo.load(self)
        for conference in self.new_conferences.values():
            if not conference.is_finalized:
                conference_services.conference_finalize(actor=self.actor, conference=conference)

    def _count(self, model, created=False, updated=False):
        self.seen[model] += 1
        self.created[model] += created
        self.updated[model] += updated

    def _province(self, spec):
        fields = {
            name: spec.get(name, "")
            for name in ("code", "awards_office", "document_code", "signer_title", "signer_name")
        }
        province = Province.objects.filter(name=spec["name"]).first()
        created = province is None
        province, changed = model_update(
            by_user(province or Province(name=spec["name"]), self.actor), fields=fields, data=fields
        )
        updated = changed and not created
        self.provinces[spec["name"]] = province
        self._count(Province, created, updated)

    def _find_agency(self, province, name):
        """By its current name, or once renamed, by the name it had then."""
        agencies = Agency.objects.filter(province=province).order_by("pk")
        return agencies.filter(name=name).first() or agencies.filter(former_names__name=name).first()

    def _agency(self, province_name, spec):
        province = self.provinces[province_name]
        agency = self._find_agency(province, spec["name"])
        created = agency is None
        if created:
            agency = Agency(province=province, name=spec["name"])
        fields = {key: spec[key] for key in ("short_name", "kind", "is_illustrative")}
        updated = not created and any(getattr(agency, key) != value for key, value in fields.items())
        if created or updated:
            for key, value in fields.items():
                setattr(agency, key, value)
            services.agency_save(actor=self.actor, agency=agency)
        self.agencies[province_name, spec["name"]] = agency
        if created:
            self.new_agencies.add(agency.pk)
        self._count(Agency, created, updated)

    def _merger(self, spec):
        """Through the service, as a province admin would: once, and never over a merger
        someone recorded since."""
        agencies = [self.agencies[spec["province"], name] for name in spec["agencies"]]
        if all(agency.merger_id for agency in agencies):
            self._count(AgencyMerger)
            return
        successor = self.agencies[spec["province"], spec["successor"]]
        services.agencies_merge(
            actor=self.actor,
            predecessors=[agency for agency in agencies if not agency.merger_id],
            successor=successor,
            effective_on=spec["effective_on"],
            basis_number=spec["basis_number"],
            basis_date=spec["basis_date"],
            note=spec["note"],
        )
        for agency in agencies:
            agency.refresh_from_db()
            self.updated[Agency] += agency.pk not in self.new_agencies
        self._count(AgencyMerger, created=True)

    def _province_merger(self, spec):
        into = Province.objects.filter(name=spec["into"]["name"]).first()
        self._count(Province, created=into is None)
        if into is None:
            into = services.province_create(actor=self.actor, **spec["into"])
        self.provinces[into.name] = into
        provinces = [self.provinces[name] for name in spec["provinces"]]
        if all(province.merged_into_id for province in provinces):
            return
        services.provinces_merge(
            actor=self.actor,
            provinces=[province for province in provinces if not province.merged_into_id],
            into=into,
            effective_on=spec["effective_on"],
            basis_number=spec["basis_number"],
            basis_date=spec["basis_date"],
        )
        for province in provinces:
            province.refresh_from_db()

    def _in_place_in(self, agency, year):
        """The agency holding `agency`'s place in `year` after a merger of departments of the
        same province (not after the provinces merged: the old province's records are its own)."""
        while agency.merger_id and agency.successor.province_id == agency.province_id:
            if year < agency.merger.first_year:
                break
            agency = agency.successor
        return agency

    def _rename(self, spec):
        agency = self.agencies[spec["province"], spec["agency"]]
        # The former name recorded for that day marks the rename as done: a later
        # change of name by an admin is theirs to keep, not ours to undo.
        if agency.former_names.filter(until=spec["on"]).exists():
            return
        agency.name = spec["name"]
        services.agency_save(actor=self.actor, agency=agency, renamed_on=spec["on"])
        self.updated[Agency] += agency.pk not in self.new_agencies

    def _bloc(self, spec):
        province = self.provinces[spec["province"]]
        bloc = Bloc.objects.filter(province=province, name=spec["name"]).first()
        created = bloc is None
        bloc, changed = model_update(
            by_user(bloc or Bloc(province=province, name=spec["name"]), self.actor),
            fields=["description", "document_code"],
            data=spec,
        )
        updated = changed and not created
        self.blocs[spec["province"], spec["name"]] = bloc
        self._count(Bloc, created, updated)

        memberships = {}
        for year in spec["years"]:
            seed_note, seed_names = spec["seed_members"].get(year, ("", []))
            placed = set()  # two merged members are one member from the merger's year on
            for name in spec["members"]:
                note = seed_note if name in seed_names else demo.ILLUSTRATIVE_NOTE
                agency = self._in_place_in(self.agencies[spec["province"], name], year)
                if agency.pk in placed:
                    continue
                placed.add(agency.pk)
                memberships[name, year] = self._membership(bloc, agency, year, note)
        for year, leader, deputy in spec["leaderships"]:
            head_name, head_title = demo.SEED_HEADS.get((spec["province"], spec["name"], year), ("", ""))
            details = {"head_name": head_name, "head_title": head_title, "is_illustrative": True}
            self._leadership(bloc, year, memberships[leader, year], memberships[deputy, year], details)

    def _membership(self, bloc, agency, year, note):
        membership = Membership.objects.filter(agency=agency, year=year).select_related("bloc").first()
        if membership is None:
            membership = services.membership_add(actor=self.actor, bloc=bloc, agency=agency, year=year, note=note)
            self._count(Membership, created=True)
            return membership
        if membership.bloc_id != bloc.pk:
            # Moving it would rewrite someone's record, and could break a leadership
            # that points at it: better to stop and say so.
            raise CommandError(
                f"{agency.name} ({year}) đã là thành viên của {membership.bloc.name}, không phải {bloc.name}: "
                "hãy sửa lại hoặc dùng cơ sở dữ liệu mới."
            )
        membership, updated = model_update(by_user(membership, self.actor), fields=["note"], data={"note": note})
        self._count(Membership, updated=updated)
        return membership

    def _leadership(self, bloc, year, leader, deputy, details):
        current = Leadership.objects.filter(bloc=bloc, year=year).first()
        created = current is None
        updated = not created and (
            (current.leader_id, current.deputy_id) != (leader.pk, deputy.pk)
            or any(getattr(current, name) != value for name, value in details.items())
        )
        if created or updated:
            services.leadership_set(actor=self.actor, bloc=bloc, year=year, leader=leader, deputy=deputy, **details)
        self._count(Leadership, created, updated)

    def _user(self, spec):
        user = User.objects.filter(username=spec["username"]).first() or User(username=spec["username"])
        fields = {
            "role": spec["role"],
            "province_id": self.provinces[spec["province"]].pk,
            "is_active": True,
            "is_superuser": False,
            "agency_id": self.agencies[spec["province"], spec["agency"]].pk if spec.get("agency") else None,
        }
        changed = user.pk is None or any(getattr(user, name) != value for name, value in fields.items())
        for name, value in fields.items():
            setattr(user, name, value)
        # Put back the printed password if someone changed it, but leave a matching hash
        # alone: a fresh salt every run would make the second run rewrite the row.
        if not user.check_password(spec["password"]):
            user.set_password(spec["password"])
            changed = True
        by_user(user, self.actor)
        if changed:  # an unchanged user is not saved again: the audit trail would record a change
            services.user_save(actor=self.actor, user=user)
        user.blocs.set([self.blocs[spec["province"], name] for name in spec["blocs"]])
