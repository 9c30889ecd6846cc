"""make_synthetic writes with bulk_create, past the models' checks: every row it makes must
still pass them, and the sizes must be what was asked for."""

import pytest
from django.core.management import CommandError, call_command

from awards.models import Proposal
from blocs.models import Agency, Bloc, Leadership, Membership, Province
from emulation.models import Conference, Score, Signature

pytestmark = pytest.mark.django_db


def test_sizes_and_every_row_passes_the_model_checks():
    call_command("make_synthetic", blocs=3, agencies=12, years=3, proposals=2, verbosity=0)
    province = Province.objects.get(name="Tỉnh Tổng Hợp 1")
    assert Bloc.objects.filter(province=province).count() == 3
    assert Agency.objects.filter(province=province, is_illustrative=True).count() == 12
    assert Membership.objects.filter(bloc__province=province).count() == 12 * 3
    assert Conference.objects.filter(bloc__province=province).count() == 3 * 3
    assert Proposal.objects.filter(conference__bloc__province=province).count() == 3 * 3 * 2
    for model in (Membership, Leadership, Conference, Signature, Score, Proposal):
        for row in model.objects.all():
            row.full_clean()  # raises ValidationError on the first broken rule
    assert Agency.objects.filter(province=province).search("so").exists()  # derived search text was filled


def test_refuses_a_second_province_of_the_same_seed_and_bad_sizes():
    call_command("make_synthetic", blocs=1, agencies=2, years=1, verbosity=0)
    with pytest.raises(CommandError, match="exists already"):
        call_command("make_synthetic", blocs=1, agencies=2, years=1, verbosity=0)
    with pytest.raises(CommandError, match="two agencies per bloc"):
        call_command("make_synthetic", blocs=5, agencies=6, years=1, seed=2, verbosity=0)
