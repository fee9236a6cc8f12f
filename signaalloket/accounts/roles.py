from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    DESK_STAFF = "desk_staff", _("Loketmedewerker")
    DESK_MANAGER = "desk_manager", _("Loketmanager")
    SUBMITTER = "submitter", _("Indiener")
    STRATEGIC_REP = "strategic_rep", _("Strategisch vertegenwoordiger")
    OFFICIAL = "official", _("Ambtenaar ministerie")
    ADMIN = "admin", _("Functioneel beheerder")


DESK_ROLES = frozenset({Role.DESK_STAFF, Role.DESK_MANAGER})
SUBMITTER_ROLES = frozenset({Role.SUBMITTER, Role.STRATEGIC_REP})
