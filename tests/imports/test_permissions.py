import pytest
from django.contrib.auth.models import AnonymousUser

from signaalloket.accounts.roles import Role
from signaalloket.imports.models import ImportJob
from signaalloket.imports.permissions import may_import_signals
from tests.factories import make_user


@pytest.mark.django_db
@pytest.mark.parametrize("role", Role.values)
def test_only_desk_managers_may_import_and_see_imports(role, desk_manager):
    ImportJob.objects.create(filename="x.csv", created_by=desk_manager)
    user = make_user(role)
    allowed = role == Role.DESK_MANAGER
    assert may_import_signals(user) is allowed
    assert user.has_perm("imports.import_signals") is allowed
    assert ImportJob.objects.visible_to(user).exists() is allowed


@pytest.mark.django_db
def test_anonymous_may_not_import():
    assert may_import_signals(AnonymousUser()) is False
    assert not ImportJob.objects.visible_to(AnonymousUser()).exists()
