"""Administration-site saves record only what really changed, compared with the stored row."""

import pytest
from django.urls import reverse

from signaalloket.accounts.models import User
from signaalloket.audit.models import AuditEvent
from signaalloket.organisations.models import Ministry

pytestmark = pytest.mark.django_db


def test_unchanged_reference_save_records_nothing_and_a_change_names_the_field(
    client, desk_manager
):
    User.objects.filter(pk=desk_manager.pk).update(is_staff=True)
    client.force_login(desk_manager)
    client.post(reverse("admin:organisations_ministry_add"), {"code": "NW", "name": "Nieuw"})
    ministry = Ministry.objects.get(code="NW")
    url = reverse("admin:organisations_ministry_change", args=[ministry.pk])
    response = client.post(url, {"code": "NW", "name": "Nieuw"})
    assert response.status_code == 302
    assert not AuditEvent.objects.filter(event_type="reference.updated").exists()
    assert Ministry.objects.get(pk=ministry.pk).version == ministry.version
    response = client.post(url, {"code": "NW", "name": "Ministerie Nieuw"})
    assert response.status_code == 302
    event = AuditEvent.objects.get(event_type="reference.updated")
    assert event.data["fields"] == ["name"]
    assert event.data["changes"] == {"name": {"old": "Nieuw", "new": "Ministerie Nieuw"}}
    assert Ministry.objects.get(pk=ministry.pk).version == ministry.version + 1
