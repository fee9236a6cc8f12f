from django.apps import AppConfig
from django.core import checks

from signaalloket.core.events import subscribe
from signaalloket.core.jobs import register_job


class NotificationsConfig(AppConfig):
    name = "signaalloket.notifications"
    label = "notifications"
    verbose_name = "Berichten"

    def ready(self) -> None:
        from . import handlers, jobs
        from .checks import check_transition_notifications

        checks.register(check_transition_notifications)

        subscribe("signal.transitioned", handlers.on_signal_transitioned)
        subscribe("submitter.approved", handlers.on_submitter_approved)
        subscribe("addressee.contribution", handlers.on_contribution)
        subscribe("effect.answered", handlers.on_effect_answered)
        subscribe("participant.changed", handlers.on_participant_changed)
        register_job("response_reminders", jobs.send_response_reminders)
        register_job("notification_mail", jobs.send_pending_mail)
        register_job("notification_digests", jobs.send_digests)
