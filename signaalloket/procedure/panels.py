"""The procedure panel on the signal page: addressees and contributions, decision, response,
effect inquiry. A fixed number of queries whatever the number of addressees or submitters."""

from django.db.models import prefetch_related_objects

from signaalloket.core.dates import today
from signaalloket.deadlines.models import DeadlineKind, DeadlineStatus
from signaalloket.deadlines.selectors import deadlines_for_signal
from signaalloket.signals.models import ContributionStatus
from signaalloket.signals.permissions import (
    may_approve_submitter,
    may_edit_addressees,
    may_record_offline_approval,
    may_set_contribution,
)
from signaalloket.signals.selectors import ADDRESSEES, SUBMITTERS
from signaalloket.signals.states import PRE_OFFER, State, main_path_from

from .approvals_services import all_submitters_approved, approvals_of
from .permissions import (
    effect_organisations_for,
    may_deliver_response,
    may_make_offering_letter,
    may_offer_signal,
    may_register_response,
)
from .selectors import contribution_progress, effect_answers_for

ADDRESSEES_EDITABLE = PRE_OFFER


def addressees_context(user, signal) -> dict:
    prefetch_related_objects([signal], ADDRESSEES)  # nothing to read after signal_get_for_user
    addressees = list(signal.addressees.all())
    may_contribute = signal.state == State.OFFERED
    rows = [
        {
            "addressee": a,
            "may_edit_contribution": may_contribute and may_set_contribution(user, a),
        }
        for a in addressees
    ]
    return {
        "rows": rows,
        "progress": contribution_progress(addressees),
        "show_contributions": signal.state not in ADDRESSEES_EDITABLE,
        "may_edit_addressees": signal.state in ADDRESSEES_EDITABLE
        and may_edit_addressees(user, signal),
        "contribution_choices": ContributionStatus.choices,
    }


def procedure_panel_context(request, signal):
    user = request.user
    state = signal.state
    context = {"addressees": addressees_context(user, signal)}
    if state in (State.DECISION, State.OFFERED) or state in (State.WITHDRAWN,):
        prefetch_related_objects([signal], SUBMITTERS)
        submitters = list(signal.submitters.all())
        records = approvals_of(signal)  # one query: current and lapsed, per submitter
        context["submitters"] = [
            {
                "submitter": s,
                "approval": next(
                    (a for a in records if a.submitter_id == s.pk and a.lapsed_at is None), None
                ),
                "lapsed": next(
                    (a for a in reversed(records) if a.submitter_id == s.pk and a.lapsed_at),
                    None,
                ),
                "may_approve": state == State.DECISION
                and s.approved_at is None
                and may_approve_submitter(user, s),
                "may_record_offline": state == State.DECISION
                and s.approved_at is None
                and may_record_offline_approval(user, s),
            }
            for s in submitters
        ]
        context["all_approved"] = all_submitters_approved(signal)
        context["may_offer"] = state == State.DECISION and may_offer_signal(user, signal)
    if state == State.OFFERED or state in (State.RESPONSE_RECEIVED, State.RESPONSE_DELIVERED):
        response_deadlines = [
            d for d in deadlines_for_signal(signal) if d.kind == DeadlineKind.RESPONSE
        ]
        context["response_deadline"] = max(response_deadlines, key=lambda d: d.pk, default=None)
    context["may_register_response"] = state == State.OFFERED and may_register_response(
        user, signal
    )
    context["may_deliver"] = state == State.RESPONSE_RECEIVED and may_deliver_response(user, signal)
    context["may_download_letter"] = may_make_offering_letter(user, signal) and state in (
        main_path_from(State.DECISION)
    )
    if state in (State.EFFECT_INQUIRY, State.CLOSED):
        context["show_effect"] = True
        answers = effect_answers_for(signal)
        context["effect_answers"] = answers
        answered = {a.organisation_id for a in answers}
        # The link only while one of the user's organisations still has to answer.
        context["may_answer_effect"] = state == State.EFFECT_INQUIRY and any(
            o.pk not in answered for o in effect_organisations_for(user, signal)
        )
    context["overdue"] = bool(
        context.get("response_deadline")
        and context["response_deadline"].status == DeadlineStatus.OPEN
        and context["response_deadline"].due_date < today()
    )
    return context
