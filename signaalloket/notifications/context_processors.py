from django.utils.functional import SimpleLazyObject

from .models import Notification


def unread_notifications(request) -> dict:
    """UNREAD_NOTIFICATIONS for the header: one COUNT query, and only when a template uses it."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"UNREAD_NOTIFICATIONS": 0}
    return {
        "UNREAD_NOTIFICATIONS": SimpleLazyObject(
            lambda: Notification.objects.visible_to(user).unread().count()
        )
    }
