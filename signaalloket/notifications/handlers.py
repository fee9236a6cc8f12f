"""Who hears about a state change, and what they are told. Subscribed to "signal.transitioned".

What each transition sends is in the table (signals/workflow.py, Transition.notify); this
module resolves its recipient groups and link and delivers it.
"""

from django.contrib.auth import get_user_model
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from signaalloket.core.links import EFFECT_FORM, link_for
from signaalloket.signals import workflow
from signaalloket.signals.models import Signal, StateChange
from signaalloket.signals.states import State

from . import recipients as r
from .models import NotificationKind as K
from .services import notification_create_many


def signal_url(signal) -> str:
    return link_for(signal) or ""


def effect_form_url(signal) -> str:
    return link_for(signal, EFFECT_FORM) or ""


def _officials_once_fact_checked(signal) -> list:
    if signal.fact_check_started_at is None:
        return []
    return r.all_officials_of_addressed_ministries(signal)


# The recipient groups that Notify.to in signals/workflow.py names.
RECIPIENTS = {
    "submitters": r.submitter_recipients,
    "strategic_reps": r.strategic_rep_recipients,
    "desk": r.desk_recipients,
    "officials": r.official_recipients,
    "all_officials": r.all_officials_of_addressed_ministries,
    "officials_once_fact_checked": _officials_once_fact_checked,
}
LINKS = {"signal": signal_url, "effect_form": effect_form_url}


def plan_for_transition(signal, source: str, target: str) -> list[tuple[list, str, str, str]]:
    """(recipients, kind, text, url) per message for this state change: the edge's Notify."""
    transition = workflow.find(source, target)
    notify = transition.notify if transition else None
    if notify is None:
        return []
    people = [user for group in notify.to for user in RECIPIENTS[group](signal)]
    text = str(notify.text) % {"ref": signal.reference}
    return [(people, notify.kind, text, LINKS[notify.link](signal))]


def on_signal_transitioned(*, signal_id, source, target, actor_id=None, reason="", **_ignored):
    signal = Signal.objects.select_related("case_handler").filter(pk=signal_id).first()
    if signal is None:
        return
    change_id = (
        StateChange.objects.filter(signal=signal, to_state=target)
        .order_by("-id")
        .values_list("id", flat=True)
        .first()
    )
    actor = get_user_model().objects.filter(pk=actor_id).first() if actor_id else None
    for people, kind, text, url in plan_for_transition(signal, source, target):
        notification_create_many(
            recipients=people,
            signal=signal,
            kind=kind,
            text=text,
            url=url,
            # one message per state change: a replayed event does not notify twice
            dedupe_key=f"transition:{change_id}",
            exclude=actor,
        )


def _signal(signal_id):
    return Signal.objects.select_related("case_handler").filter(pk=signal_id).first()


def _user(user_id):
    return get_user_model().objects.filter(pk=user_id).first() if user_id else None


def on_submitter_approved(*, signal_id, actor_id=None, **_ignored):
    """When the last submitting organisation approves, the desk can offer the signal."""
    signal = _signal(signal_id)
    if signal is None or signal.state != State.DECISION:
        return
    if signal.submitters.filter(approved_at__isnull=True).exists():
        return
    notification_create_many(
        recipients=r.desk_recipients(signal),
        signal=signal,
        kind=K.APPROVALS_COMPLETE,
        text=_(
            "Alle indienende organisaties hebben ingestemd met signaal %(ref)s. "
            "Het signaal kan worden aangeboden."
        )
        % {"ref": signal.reference},
        url=signal_url(signal),
        dedupe_key=f"approvals-complete:{signal.pk}:{signal.state_changed_at}",
        exclude=_user(actor_id),
    )


def on_contribution(*, signal_id, status, actor_id=None, **_ignored):
    """When every addressed ministry has contributed: tell the desk and the penvoerder."""
    signal = _signal(signal_id)
    if signal is None or status != "contributed" or signal.state != State.OFFERED:
        return
    addressees = list(signal.addressees.select_related("contact_official"))
    if not addressees or any(a.contribution_status != "contributed" for a in addressees):
        return
    coordinator = [a.contact_official for a in addressees if a.is_coordinating]
    notification_create_many(
        recipients=r.desk_recipients(signal) + [u for u in coordinator if u],
        signal=signal,
        kind=K.CONTRIBUTIONS_COMPLETE,
        text=_("Alle ministeries hebben bijgedragen aan de reactie op signaal %(ref)s.")
        % {"ref": signal.reference},
        url=signal_url(signal),
        dedupe_key=f"contributions-complete:{signal.pk}:{signal.state_changed_at}",
        exclude=_user(actor_id),
    )


def on_effect_answered(*, signal_id, actor_id=None, **_ignored):
    signal = _signal(signal_id)
    if signal is None or signal.state != State.EFFECT_INQUIRY:
        return
    notification_create_many(
        recipients=r.desk_recipients(signal),
        signal=signal,
        kind=K.EFFECT_ANSWERED,
        text=_("Het antwoord op de effectmeting van signaal %(ref)s is binnen.")
        % {"ref": signal.reference},
        url=signal_url(signal),
        dedupe_key=f"effect-answered:{signal.pk}",
        exclude=_user(actor_id),
    )


# What a participant change tells the person or organisation it concerns (reference only).
PARTICIPANT_TEXTS = {
    "submitter_added": gettext_lazy("Uw organisatie is indiener van signaal %(ref)s."),
    "submitter_removed": gettext_lazy("Uw organisatie is geen indiener meer van signaal %(ref)s."),
    "lead_changed": gettext_lazy("Uw organisatie is nu hoofdindiener van signaal %(ref)s."),
    "strategic_rep_set": gettext_lazy(
        "De strategisch vertegenwoordiger bij signaal %(ref)s is gewijzigd."
    ),
    "contact_added": gettext_lazy("U bent contactpersoon bij signaal %(ref)s."),
    "contact_removed": gettext_lazy("U bent geen contactpersoon meer bij signaal %(ref)s."),
    "contact_proposed": gettext_lazy(
        "Er is een contactpersoon voorgesteld bij signaal %(ref)s; bevestig of wijs af."
    ),
    "case_handler_set": gettext_lazy("U bent behandelaar van signaal %(ref)s."),
    "addressee_removed": gettext_lazy(
        "Uw ministerie is geen geadresseerde meer van signaal %(ref)s."
    ),
}


def on_participant_changed(
    *, signal_id, change, event_id, user_ids=(), organisation_id=None, actor_id=None, **_ignored
):
    """The person added or removed, the organisation added or removed (its submitters), and
    the desk for a proposal it must confirm."""
    signal = _signal(signal_id)
    text = PARTICIPANT_TEXTS.get(change)
    if signal is None or text is None:
        return
    people = list(get_user_model().objects.filter(pk__in=list(user_ids), is_active=True))
    if organisation_id is not None:
        people += r.organisation_submitters(organisation_id)
    if change == "contact_proposed":
        people += r.desk_recipients(signal)
    notification_create_many(
        recipients=r.unique(people),
        signal=signal,
        kind=K.PARTICIPANT_CHANGED,
        text=str(text) % {"ref": signal.reference},
        url=signal_url(signal),
        dedupe_key=f"participant:{event_id}",
        exclude=_user(actor_id),
    )
