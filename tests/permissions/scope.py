"""Which province and bloc each row belongs to, for the IDOR tests."""

from django.contrib import admin

from awards.models import AwardRule, BlocCount, CertificateLayout, Decision, Proposal, Submission
from blocs.models import Agency, Bloc, Leadership, Membership, Province, User
from dashboard.models import YearDeadline
from emulation.models import Attendance, Conference, Criterion, Pledge, Score, Signature

# The lookup from each model the admin site lists to its province.
PROVINCE_PATHS = {
    Province: "pk",
    Agency: "province",
    Bloc: "province",
    Membership: "bloc__province",
    Leadership: "bloc__province",
    User: "province",
    Conference: "bloc__province",
    Pledge: "bloc__province",
    Criterion: "bloc__province",
    AwardRule: "province",
    BlocCount: "province",
    CertificateLayout: "province",
    Submission: "province",
    Decision: "province",
    Proposal: "conference__bloc__province",
    YearDeadline: "province",
}

# Admin models that belong to no province: the operator's (award types, groups, login throttling).
GLOBAL_ADMIN_LABELS = {
    "auth.group",
    "axes.accessattempt",
    "axes.accesslog",
    "axes.accessfailurelog",
    "awards.awardtype",
    "awards.basesalary",
}

# The lookup from each model a bloc's pages write to its bloc.
BLOC_PATHS = {
    Membership: "bloc",
    Leadership: "bloc",
    Conference: "bloc",
    Attendance: "conference__bloc",
    Pledge: "bloc",
    Signature: "pledge__bloc",
    Criterion: "bloc",
    Score: "criterion__bloc",
    Proposal: "conference__bloc",
}

# Rows nothing points at: a delete that were let through would succeed.
SPARES = {
    Agency: "spare_agency",
    Bloc: "spare_bloc",
    Membership: "spare_membership",
    User: "spare_user",
    Conference: "spare_conference",
    Pledge: "spare_pledge",
    Criterion: "spare_criterion",
    AwardRule: "rule",
    BlocCount: "bloc_count",
    CertificateLayout: "certificate_layout",
    Submission: "spare_submission",
    Decision: "spare_decision",
}


def scoped_admin_models():
    return [model for model in admin.site._registry if model in PROVINCE_PATHS]


def rows_of(model, province):
    """The model's rows of `province` (None: the rows of no province, such as default rules)."""
    return model._default_manager.filter(**{PROVINCE_PATHS[model]: province.pk if province else None})


def ids_of(model, province):
    return set(rows_of(model, province).values_list("pk", flat=True))


def rows_outside(bloc):
    """Every row of a bloc's pages that is not that bloc's, to prove a save stayed inside it."""
    return {
        model.__name__: list(model.objects.exclude(**{path: bloc}).order_by("pk").values())
        for model, path in BLOC_PATHS.items()
    }


def spare(province_rows, model):
    return getattr(province_rows, SPARES[model]) if model in SPARES else None
