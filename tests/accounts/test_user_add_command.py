import pytest
from django.core.management import CommandError, call_command

from signaalloket.accounts.models import User
from tests.factories import desk_organisation

pytestmark = pytest.mark.django_db


def test_user_add_creates_admin_with_staff_access(monkeypatch):
    org = desk_organisation()
    monkeypatch.setenv("NEW_PASSWORD", "een-lang-en-sterk-wachtwoord")
    call_command(
        "user_add",
        email="Beheer@LIEC.nl",
        name="Eerste Beheerder",
        organisation=org.name,
        role="admin",
        password_env="NEW_PASSWORD",
    )
    user = User.objects.get(email="beheer@liec.nl")
    assert user.is_staff
    assert user.check_password("een-lang-en-sterk-wachtwoord")
    assert user.memberships.get().role == "admin"


def test_user_add_refuses_weak_password_and_changes_nothing(monkeypatch):
    org = desk_organisation()
    monkeypatch.setenv("NEW_PASSWORD", "kort")
    with pytest.raises(CommandError):
        call_command(
            "user_add",
            email="x@liec.nl",
            name="X",
            organisation=org.name,
            role="desk_staff",
            password_env="NEW_PASSWORD",
        )
    assert not User.objects.filter(email="x@liec.nl").exists()
