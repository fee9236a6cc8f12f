"""Who organises the fact-check meeting (pure predicates): the desk, for every action."""

from django.utils.translation import gettext_lazy as _

from signaalloket.accounts.context import access_for

NOT_ORGANISER = _("Alleen het loket organiseert het ambtelijk overleg.")


def _organises(user) -> bool:
    return access_for(user).is_desk


def may_schedule_meeting(user, signal) -> bool:
    return _organises(user)


def may_change_meeting(user, meeting) -> bool:
    return _organises(user)


def may_cancel_meeting(user, meeting) -> bool:
    return _organises(user)


def may_record_meeting_outcome(user, meeting) -> bool:
    return _organises(user)
