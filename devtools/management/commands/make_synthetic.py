"""A synthetic province at scale, for benchmarks and query budgets:

    python manage.py make_synthetic --blocs 40 --agencies 600 --years 20

One province ("Tỉnh Tổng Hợp <seed>", every agency marked illustrative) with its blocs,
yearly memberships, leaders and deputies, a finalized conference per bloc and year with
attendance, pledge and signatures, a scoring table, and proposals with submissions and
decisions. Rows are written with bulk_create (a minute is the budget for the sizes above),
so the rules are the generator's job: every member, leader and nominee is of the right
bloc and year, votes stay within ballots, statuses agree with their documents.

It lives in the awards app because it writes the records of every app.
"""

import datetime
import random
from decimal import Decimal

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction

from awards.models import AwardType, Decision, Proposal, Submission
from blocs.models import Agency, Bloc, Leadership, Membership, Province
from emulation.models import Attendance, Conference, Criterion, Pledge, Score, Signature

BATCH = 2000
CRITERIA = [("Thực hiện nhiệm vụ chuyên môn", 40), ("Phong trào thi đua", 30), ("Công tác khen thưởng", 20),
            ("Xây dựng tổ chức", 10)]  # fmt: skip
WORDS = ["Sở", "Ban", "Trung tâm", "Chi cục", "Văn phòng", "Đài", "Viện", "Trường", "Bảo hiểm", "Quỹ"]
FIELDS = ["Giáo dục", "Y tế", "Tài chính", "Xây dựng", "Nông nghiệp", "Công Thương", "Văn hóa", "Tư pháp",
          "Khoa học", "Giao thông", "Nội vụ", "Môi trường", "Du lịch", "Lao động", "Thông tin"]  # fmt: skip


class Command(BaseCommand):
    help = "Create a synthetic province of the given size (benchmarks, query budgets)."

    def add_arguments(self, parser):
        parser.add_argument("--blocs", type=int, default=40)
        parser.add_argument("--agencies", type=int, default=600)
        parser.add_argument("--years", type=int, default=20)
        parser.add_argument("--last-year", type=int, default=2025, help="the last reviewed year")
        parser.add_argument("--proposals", type=int, default=4, help="proposals per conference")
        parser.add_argument("--seed", type=int, default=1, help="random seed, and the province's name")

    def handle(self, *args, blocs, agencies, years, last_year, proposals, seed, verbosity=1, **options):
        if blocs < 1 or agencies < 2 * blocs or years < 1:
            raise CommandError("Need at least one bloc, two agencies per bloc and one year.")
        name = f"Tỉnh Tổng Hợp {seed}"
        if Province.objects.filter(name=name).exists():
            raise CommandError(f"“{name}” exists already: use another --seed.")
        started = datetime.datetime.now()
        with transaction.atomic():
            counts = Generator(random.Random(seed), name, seed).run(  # noqa: S311 - made-up data, not secrets
                blocs=blocs, agencies=agencies, years=range(last_year - years + 1, last_year + 1), proposals=proposals
            )
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:  # fresh statistics, as autovacuum would gather
                cursor.execute("ANALYZE")
        if verbosity:
            seconds = (datetime.datetime.now() - started).total_seconds()
            summary = ", ".join(f"{model.__name__} {count:,}" for model, count in counts.items())
            self.stdout.write(self.style.SUCCESS(f"{name} in {seconds:.1f} s: {summary}"))


class Generator:
    def __init__(self, rng, name, seed):
        self.rng, self.name, self.seed = rng, name, seed
        self.counts = {}

    def bulk(self, model, rows):
        created = model.objects.bulk_create(rows, batch_size=BATCH)
        self.counts[model] = self.counts.get(model, 0) + len(created)
        return created

    def run(self, *, blocs, agencies, years, proposals):
        province = Province.objects.create(name=self.name, code=f"tong-hop-{self.seed}", awards_office="Sở Nội vụ")
        self.counts[Province] = 1
        agency_rows = []
        for i in range(agencies):
            agency = Agency(
                province=province,
                name=f"{self.rng.choice(WORDS)} {self.rng.choice(FIELDS)} số {i + 1}",
                is_illustrative=True,
            )
            agency.refresh_derived_fields()
            agency_rows.append(agency)
        all_agencies = self.bulk(Agency, agency_rows)
        bloc_rows = self.bulk(Bloc, [Bloc(province=province, name=f"Khối thi đua số {b + 1}") for b in range(blocs)])
        # Each agency stays in one bloc over the years, as they mostly do.
        groups = {bloc.pk: all_agencies[i :: len(bloc_rows)] for i, bloc in enumerate(bloc_rows)}
        members = self.bulk(
            Membership,
            [Membership(bloc_id=b, agency=a, year=y) for y in years for b, group in groups.items() for a in group],
        )
        by_bloc_year = {}
        for membership in members:
            by_bloc_year.setdefault((membership.bloc_id, membership.year), []).append(membership)

        leaderships = []
        for (bloc_id, year), group in by_bloc_year.items():
            leader, deputy = group[year % len(group)], group[(year + 1) % len(group)]
            leaderships.append(Leadership(bloc_id=bloc_id, year=year, leader=leader, deputy=deputy))
        self.bulk(Leadership, leaderships)

        conferences = self.bulk(
            Conference,
            [
                Conference(
                    bloc_id=bloc_id,
                    year=year,
                    date=datetime.date(year + 1, 1, 5 + self.rng.randrange(20)),
                    host=group[0],
                    venue="Hội trường cơ quan đăng cai",
                    chair_name="Nguyễn Văn An",
                    chair_title="Giám đốc",
                    results_summary="Các chỉ tiêu thi đua năm đều đạt và vượt kế hoạch đề ra.",
                    status=Conference.Status.FINALIZED,
                )
                for (bloc_id, year), group in by_bloc_year.items()
            ],
        )
        self.bulk(
            Attendance,
            [
                Attendance(conference=c, membership=m, representative_title="Lãnh đạo")
                for c in conferences
                for m in by_bloc_year[c.bloc_id, c.year]
            ],
        )
        pledges = self.bulk(
            Pledge,
            [
                Pledge(bloc_id=c.bloc_id, year=c.year + 1, content="Giao ước thi đua.", signed_on=c.date)
                for c in conferences
                if (c.bloc_id, c.year + 1) in by_bloc_year
            ],
        )
        self.bulk(
            Signature,
            [Signature(pledge=p, membership=m, signer="") for p in pledges for m in by_bloc_year[p.bloc_id, p.year]],
        )
        criteria = self.bulk(
            Criterion,
            [
                Criterion(bloc_id=c.bloc_id, year=c.year, name=name, max_points=Decimal(points), order=order)
                for c in conferences
                for order, (name, points) in enumerate(CRITERIA, start=1)
            ],
        )
        self.bulk(
            Score,
            [
                Score(
                    criterion=k,
                    membership=m,
                    points=Decimal(self.rng.randrange(int(k.max_points) // 2, int(k.max_points) + 1)),
                )
                for k in criteria
                for m in by_bloc_year[k.bloc_id, k.year]
            ],
        )
        self.proposals(province, conferences, by_bloc_year, proposals)
        return self.counts

    def proposals(self, province, conferences, by_bloc_year, per_conference):
        types = list(AwardType.objects.filter(nominee__in=["collective", "either"]).order_by("precedence"))
        submissions, decisions = {}, {}
        rows = []
        for conference in conferences:
            group = by_bloc_year[conference.bloc_id, conference.year]
            year = conference.year
            if year not in submissions:
                submissions[year] = Submission(
                    province=province, number=f"{year % 100:02d}/TTr-SNV", date=datetime.date(year + 1, 2, 15),
                    issuer="Sở Nội vụ",
                )  # fmt: skip
                decisions[year] = Decision(
                    province=province, number=f"{100 + year % 100}/QĐ-UBND", date=datetime.date(year + 1, 3, 20),
                    authority=f"UBND {self.name}",
                )  # fmt: skip
            for n, membership in enumerate(self.rng.sample(group, min(per_conference, len(group)))):
                ballots = len(group)
                rows.append(
                    Proposal(
                        conference=conference,
                        award_type=types[n % len(types)],
                        membership=membership,
                        votes_for=self.rng.randrange(ballots // 2, ballots + 1),
                        ballots=ballots,
                        achievements="Hoàn thành xuất sắc nhiệm vụ.",
                        status=Proposal.Status.APPROVED if self.rng.random() < 0.8 else Proposal.Status.NOT_APPROVED,
                    )
                )
        self.bulk(Submission, list(submissions.values()))
        self.bulk(Decision, list(decisions.values()))
        for proposal in rows:
            year = proposal.conference.year
            proposal.submission, proposal.decision = submissions[year], decisions[year]
        self.bulk(Proposal, rows)
