"""Every URL pattern of the project, found by walking the resolver of ROOT_URLCONF."""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import URLPattern, URLResolver, get_resolver

# Route prefixes that the matrix does not cover, each with its reason. Everything else must
# have a row in matrix.ROWS.
EXEMPT: dict[str, str] = {
    "beheer/": "the Django admin site: its own role and MFA checks, tested in tests/accounts",
    "i18n/": "Django's set_language (language cookie only, no data, no object)",
}


@dataclass(frozen=True)
class Pattern:
    name: str  # "namespace:name", or "<unnamed> /route"
    route: str


def all_patterns() -> list[Pattern]:
    """Every URL pattern, with namespaces, in resolver order (including exempt ones)."""
    found: list[Pattern] = []

    def walk(patterns, prefix: str, namespace: str | None) -> None:
        for pattern in patterns:
            route = prefix + str(pattern.pattern)
            if isinstance(pattern, URLResolver):
                ns = namespace
                if pattern.namespace:
                    ns = f"{namespace}:{pattern.namespace}" if namespace else pattern.namespace
                walk(pattern.url_patterns, route, ns)
            elif isinstance(pattern, URLPattern):
                if pattern.name is None:
                    found.append(Pattern(f"<unnamed> /{route}", route))
                else:
                    full = f"{namespace}:{pattern.name}" if namespace else pattern.name
                    found.append(Pattern(full, route))

    walk(get_resolver().url_patterns, "", None)
    return found


def exemption(route: str) -> str | None:
    return next((prefix for prefix in EXEMPT if route.startswith(prefix)), None)


def project_url_names() -> dict[str, str]:
    """Every URL pattern that the matrix must cover (name -> route)."""
    return {p.name: p.route for p in all_patterns() if exemption(p.route) is None}
