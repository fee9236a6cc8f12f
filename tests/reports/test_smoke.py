import pytest
from django.urls import reverse

from tests.builders import build_signal
from tests.factories import make_user


@pytest.mark.django_db
@pytest.mark.parametrize(
    "name",
    [
        "web:home",
        "web:signal_list",
        "reports:statistics",
        "reports:annual_index",
        "imports:import_upload",
        "publications:public_register",
    ],
)
def test_pages_render(client, desk_manager, name):
    build_signal(desk=desk_manager, state="offered")
    client.force_login(desk_manager)
    response = client.get(reverse(name))
    assert response.status_code == 200, response.content[:2000]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "name,params",
    [
        ("web:home", {}),
        ("web:signal_list", {"year": "2026"}),
        ("reports:search", {"q": "subsidies"}),
        ("reports:statistics", {}),
        ("reports:export_csv", {}),
        ("reports:export_xlsx", {}),
    ],
)
def test_user_who_sees_no_signal_gets_empty_pages(client, desk_user, admin_user, name, params):
    build_signal(desk=desk_user, state="offered")
    client.force_login(admin_user)
    response = client.get(reverse(name), params)
    assert response.status_code == 200
    assert b"Misbruik van subsidies" not in response.content


@pytest.mark.django_db
def test_nav_links_follow_roles(client, desk_user, desk_manager):
    client.force_login(desk_user)
    staff = client.get(reverse("web:home")).content.decode()
    assert reverse("reports:annual_index") in staff and reverse("reports:search") in staff
    assert reverse("imports:import_upload") not in staff
    client.force_login(desk_manager)
    assert reverse("imports:import_upload") in client.get(reverse("web:home")).content.decode()
    submitter = make_user("submitter")
    client.force_login(submitter)
    page = client.get(reverse("web:home")).content.decode()
    assert reverse("reports:annual_index") not in page and reverse("reports:statistics") in page
