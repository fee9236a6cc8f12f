"""Start-up checks on settings that the rest of the code relies on."""

from urllib.parse import urlsplit

from django.conf import settings
from django.core.checks import Error, register


@register()
def site_url_check(app_configs, **kwargs) -> list[Error]:
    """SITE_URL is the address in every e-mail and .ics; a wrong one sends people nowhere."""
    url = getattr(settings, "SITE_URL", "") or ""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return [
            Error(
                f"SITE_URL must be an absolute address such as https://signaalloket.example "
                f"(got {url!r}).",
                id="core.E001",
            )
        ]
    if settings.SITE_URL_REQUIRE_HTTPS and parts.scheme != "https":
        return [
            Error(
                f"SITE_URL must start with https:// in production (got {url!r}).",
                hint="Set SITE_URL to the public https address of the site.",
                id="core.E001",
            )
        ]
    if parts.path not in ("", "/") or parts.query or parts.fragment:
        return [Error("SITE_URL must not have a path, query or fragment.", id="core.E001")]
    return []
