"""The procedure panel on the signal page: addressees and contributions, decision, response,
effect inquiry. A fixed number of queries whatever the number of addressees or submitters."""

from django.db.models import prefetch_related_objects

from signaalloket.accounts.context import access_for
from signaalloket.accounts.roles import Role
from signaalloket.core.dates import today
from signaalloket.deadlines.models import DeadlineKind, DeadlineStatus
from signaalloket.deadlines.selectors import deadlines_for_signal
from signaalloket.signals.models import ContributionStatus
from signaalloket.signals.permissions import may_edit_signal, roles_on_signal
from signaalloket.signals.selectors import ADDRESSEES, SUBMITTERS
from signaalloket.signals.states import State

from .selectors import contribution_progress, effect_answers_for
from .services import can_answer_effect

ADDRESSEES_EDITABLE = (State.INTAKE, State.DRAFTING, State.FACT_CHECK, State.DECISION)


def addressees_context(user, signal) -> dict:
    access = access_for(user)
    roles = roles_on_signal(user, signal)
    prefetch_related_objects([signal], ADDRESSEES)  # nothing to read after signal_get_for_user
    addressees = list(signal.addressees.all())
    may_contribute = signal.state == State.OFFERED
    rows = [
        {
            "addressee": a,
            "may_edit_contribution": may_contribute
            and (
                access.is_desk
                or (Role.OFFICIAL in roles and a.office.ministry_id in access.ministry_ids)
            ),
        }
        for a in addressees
    ]
    return {
        "rows": rows,
        "progress": contribution_progress(addressees),
        "show_contributions": signal.state not in ADDRESSEES_EDITABLE,
        "may_edit_addressees": signal.state in ADDRESSEES_EDITABLE
        and (access.is_desk or may_edit_signal(user, signal)),
        "contribution_choices": ContributionStatus.choices,
    }


def procedure_panel_context(request, signal):
    user = request.user
    access = access_for(user)
    state = signal.state
    context = {"addressees": addressees_context(user, signal), "is_desk": access.is_desk}
    if state in (State.DECISION, State.OFFERED) or state in (State.WITHDRAWN,):
        prefetch_related_objects([signal], SUBMITTERS)
        submitters = list(signal.submitters.all())
        context["submitters"] = [
            {
                "submitter": s,
                "may_approve": state == State.DECISION
                and s.approved_at is None
                and s.organisation_id in access.strategic_rep_org_ids,
                "may_record_offline": state == State.DECISION
                and s.approved_at is None
                and access.is_desk,
            }
            for s in submitters
        ]
        context["all_approved"] = bool(submitters) and all(s.approved_at for s in submitters)
        context["may_offer"] = state == State.DECISION and access.is_desk
    if state == State.OFFERED or state in (State.RESPONSE_RECEIVED, State.RESPONSE_DELIVERED):
        response_deadlines = [
            d for d in deadlines_for_signal(signal) if d.kind == DeadlineKind.RESPONSE
        ]
        context["response_deadline"] = max(response_deadlines, key=lambda d: d.pk, default=None)
    context["may_register_response"] = state == State.OFFERED and access.is_desk
    context["may_deliver"] = state == State.RESPONSE_RECEIVED and access.is_desk
    context["may_download_letter"] = access.is_desk and state in (
        State.DECISION,
        State.OFFERED,
        State.RESPONSE_RECEIVED,
        State.RESPONSE_DELIVERED,
        State.EFFECT_INQUIRY,
        State.CLOSED,
    )
    if state in (State.EFFECT_INQUIRY, State.CLOSED):
        context["show_effect"] = True
        context["effect_answers"] = effect_answers_for(signal)
        context["may_answer_effect"] = state == State.EFFECT_INQUIRY and can_answer_effect(
            user, signal
        )
    context["overdue"] = bool(
        context.get("response_deadline")
        and context["response_deadline"].status == DeadlineStatus.OPEN
        and context["response_deadline"].due_date < today()
    )
    return context
