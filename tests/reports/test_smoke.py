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
