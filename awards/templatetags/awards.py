"""The status badge of a proposal, on every page that lists proposals. A tag rather than an
included template: the proposals list prints it on each of its hundred rows."""

from django import template
from django.utils.html import format_html

from awards import rules
from awards.models import Proposal

register = template.Library()

BADGE = {
    Proposal.Status.APPROVED: "text-bg-success",
    Proposal.Status.NOT_APPROVED: "text-bg-danger",
    Proposal.Status.SUBMITTED: "text-bg-primary",
}


@register.simple_tag
def status_badge(proposal):
    css = BADGE.get(proposal.status, "text-bg-secondary")
    return format_html('<span class="badge {}">{}</span>', css, proposal.get_status_display())


@register.filter
def money(amount):
    """12.340.000 đ, as the decision's list prints it."""
    return rules.money(amount)
