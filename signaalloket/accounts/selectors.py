"""Reading users."""

from signaalloket.core.errors import NotFound

from .models import User


def user_get_for_access_log(*, actor, pk) -> User:
    """A user whose access-log entries a desk manager looks up (caller checked the right)."""
    try:
        return User.objects.get(pk=int(pk))
    except (TypeError, ValueError, User.DoesNotExist) as exc:
        raise NotFound() from exc
