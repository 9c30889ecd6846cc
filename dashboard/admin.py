from django.contrib import admin

from core.admin import NulSafeMixin, ScopedHistoryAdmin
from dashboard import services
from dashboard.models import YearDeadline


@admin.register(YearDeadline)
class YearDeadlineAdmin(NulSafeMixin, ScopedHistoryAdmin):
    """The deadlines are written by their service, like every other record."""

    list_display = ["province", "year", "members_due", "conference_due", "finalized_due", "dossiers_due"]
    list_filter = ["province", "year"]

    def get_queryset(self, request):
        queryset = super().get_queryset(request).select_related("province")
        if request.user.is_superuser:
            return queryset
        return queryset.filter(province_id=request.user.province_id)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "province" and not request.user.is_superuser:
            kwargs["queryset"] = db_field.remote_field.model.objects.filter(pk=request.user.province_id)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def has_module_permission(self, request):
        return request.user.is_active and request.user.is_staff and request.user.is_province_admin

    def has_view_permission(self, request, obj=None):
        return self.has_module_permission(request) and (
            obj is None or request.user.is_superuser or obj.province_id == request.user.province_id
        )

    has_change_permission = has_view_permission
    has_add_permission = has_module_permission

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        saved = services.deadline_set(
            actor=request.user,
            province=obj.province,
            year=obj.year,
            **{name: form.cleaned_data.get(name) for name in services.DUE_FIELDS},
        )
        obj.pk = saved.pk
