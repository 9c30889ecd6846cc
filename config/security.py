"""Login throttling hooks for django-axes (settings AXES_LOCKOUT_CALLABLE and AXES_CLIENT_IP_CALLABLE)."""

import ipaddress
import math

from axes.helpers import get_cool_off
from django.conf import settings
from django.shortcuts import render


def lockout(request, original_response, credentials):
    """The page shown instead of the login form while this username is locked out from this address."""
    minutes = math.ceil(get_cool_off(request).total_seconds() / 60)
    return render(request, "registration/lockout.html", {"minutes": minutes}, status=429)


def client_ip(request):
    """The address that login failures are counted against.

    REMOTE_ADDR, unless settings.CLIENT_IP_HEADER names the header a reverse proxy sets. Of a list
    (X-Forwarded-For) the last entry is taken: the one our proxy appended, not one the client sent.
    Anything that is not an IP address falls back to REMOTE_ADDR.
    """
    remote_addr = request.META.get("REMOTE_ADDR")
    if not settings.CLIENT_IP_HEADER:
        return remote_addr
    header = "HTTP_" + settings.CLIENT_IP_HEADER.upper().replace("-", "_")
    value = request.META.get(header, "").split(",")[-1].strip()
    try:
        return str(ipaddress.ip_address(value))
    except ValueError:
        return remote_addr
