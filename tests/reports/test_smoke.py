import pytest
from django.urls import reverse

from tests.builders import build_signal


@pytest.mark.django_db
@pytest.mark.parametrize(
    "name",
    [
        "web:home",
        "web:signal_list",
        "reports:statistics",
        "reports:annual_index",
        "reports:import_upload",
        "reports:public_register",
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
