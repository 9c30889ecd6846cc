"""Two admins at two desks, each posting the admin site's own form as their page rendered it."""

from django.urls import reverse

from tests.clients import AxesClient
from tests.permissions.htmlforms import form_data


def as_user(user):
    """A browser of its own for each user."""
    client = AxesClient()
    client.force_login(user)
    return client


def change_url(obj):
    return reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_change", args=[obj.pk])


def opened(client, obj):
    """The change page's form, as its browser would post it back unchanged."""
    return form_data(client.get(change_url(obj)))


def save_twice(first, second, obj, typed_first, typed_second):
    """`first` and `second` open obj's change page; `first` saves `typed_first` (fields: values),
    then `second` saves `typed_second` from the page it opened before. Returns second's response."""
    page_a, page_b = opened(first, obj), opened(second, obj)
    assert page_a["shown_version"] == page_b["shown_version"] == str(obj.version)
    saved = first.post(change_url(obj), page_a | typed_first)
    assert saved.status_code == 302, saved.context["adminform"].form.errors if saved.context else saved
    return second.post(change_url(obj), page_b | typed_second)


def refusal_shown(response, saver, obj, typed):
    """The second save came back as a form: nothing of it saved, the refusal names who saved first,
    what the second admin typed is still there, and the hidden version is the record's current one,
    so that saving again is a deliberate overwrite."""
    assert response.status_code == 200
    form = response.context["adminform"].form
    [message] = form.non_field_errors()
    assert saver.display_name in message
    assert str(obj) in message or obj._meta.verbose_name in message
    for name, value in typed.items():
        assert str(form[name].value()) == str(value), name
    current = type(obj)._base_manager.get(pk=obj.pk).version
    assert form["shown_version"].value() == str(current)
    assert f'name="shown_version" value="{current}"' in response.content.decode()
    return form
