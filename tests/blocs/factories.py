"""factory_boy factories of the registry (blocs/models.py): each builds a valid row, with only what a
test changes spelled out."""

import factory

from blocs.models import Agency, Bloc, Leadership, Membership, Province, User


class ProvinceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Province
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Tỉnh {n}")
    code = factory.Sequence(lambda n: f"tinh-{n}")


class AgencyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Agency

    province = factory.SubFactory(ProvinceFactory)
    name = factory.Sequence(lambda n: f"Sở Số {n}")


class BlocFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Bloc

    province = factory.SubFactory(ProvinceFactory)
    name = factory.Sequence(lambda n: f"Khối {n}")


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    bloc = factory.SubFactory(BlocFactory)
    agency = factory.SubFactory(AgencyFactory, province=factory.SelfAttribute("..bloc.province"))
    year = 2017


class LeadershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Leadership

    bloc = factory.SubFactory(BlocFactory)
    year = 2017
    leader = factory.SubFactory(
        MembershipFactory, bloc=factory.SelfAttribute("..bloc"), year=factory.SelfAttribute("..year")
    )
    deputy = None


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    password = factory.PostGenerationMethodCall("set_password", "secret-pass-123")
    role = User.Role.VIEWER
    province = factory.SubFactory(ProvinceFactory)
    # What blocs.services.user_save derives: province admins get the admin site.
    is_staff = factory.LazyAttribute(lambda user: user.role == User.Role.PROVINCE_ADMIN)

    @factory.post_generation
    def blocs(self, create, extracted, **kwargs):
        if create and extracted:
            self.blocs.set(extracted)
        if create:
            self.save()
