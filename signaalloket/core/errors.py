"""Domain errors. Services raise these; DomainErrorMiddleware maps them to HTTP in one place."""

from django.utils.translation import gettext_lazy as _


class DomainError(Exception):
    status_code = 400
    default_message = _("De handeling kon niet worden uitgevoerd.")

    def __init__(self, message: str | None = None, *, field: str | None = None):
        self.message = str(message or self.default_message)
        self.field = field
        super().__init__(self.message)


class ValidationFailed(DomainError):
    status_code = 400
    default_message = _("De invoer is niet geldig.")


class NotAllowed(DomainError):
    """The user may see the object but not take this action (HTTP 403)."""

    status_code = 403
    default_message = _("U heeft geen toestemming voor deze handeling.")


class NotFound(DomainError):
    """The object does not exist or the user may not see it (HTTP 404, existence not revealed)."""

    status_code = 404
    default_message = _("Deze pagina bestaat niet of u heeft er geen toegang toe.")


class Conflict(DomainError):
    """Someone else changed the record since the form was opened (optimistic locking)."""

    status_code = 409
    default_message = _(
        "Iemand anders heeft dit gegeven intussen gewijzigd. Uw wijziging is niet opgeslagen."
    )

    def __init__(self, message: str | None = None, *, current=None):
        super().__init__(message)
        self.current = current  # the record as it is now; the web layer links to its page


class TransitionRefused(DomainError):
    status_code = 409
    default_message = _("Deze stap in de procedure is nu niet mogelijk.")
