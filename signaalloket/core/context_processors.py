from django.conf import settings
from django.http import HttpRequest


def site(request: HttpRequest) -> dict:
    return {
        "DESK": settings.DESK_CONTACT,
        "MFA_REQUIRED": settings.MFA_REQUIRED,
        "DEBUG": settings.DEBUG,
    }
