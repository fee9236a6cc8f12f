"""Administrators manage users and organisations, but never read signal contents."""

import pytest
from django.contrib import admin
from django.urls import NoReverseMatch, reverse

from signaalloket.accounts.models import User
from tests.factories import make_user

# Apps whose models hold signal data (everything except accounts and organisations).
ACCOUNT_APPS = {"accounts", "organisations", "auth", "axes", "otp_totp", "otp_static"}


@pytest.mark.django_db
def test_admin_role_opens_no_signal_data_in_the_admin_site(client):
    user = make_user("admin")
    User.objects.filter(pk=user.pk).update(is_staff=True)
    client.force_login(user)
    assert client.get(reverse("admin:index")).status_code == 200
    opened = []
    for model in admin.site._registry:
        meta = model._meta
        if meta.app_label in ACCOUNT_APPS:
            continue
        try:
            url = reverse(f"admin:{meta.app_label}_{meta.model_name}_changelist")
        except NoReverseMatch:
            continue
        if client.get(url).status_code == 200:
            opened.append(meta.label)
    assert not opened, f"An administrator can open signal data in the admin site: {opened}"


@pytest.mark.django_db
def test_admin_index_lists_only_account_and_reference_models(client):
    user = make_user("admin")
    User.objects.filter(pk=user.pk).update(is_staff=True)
    client.force_login(user)
    body = client.get(reverse("admin:index")).content.decode()
    assert reverse("admin:accounts_user_changelist") in body
    assert reverse("admin:organisations_organisation_changelist") in body
    assert "/beheer/signals/" not in body
    assert "/beheer/documents/" not in body


@pytest.mark.django_db
def test_desk_manager_still_reads_signal_admin(client):
    user = make_user("desk_manager")
    User.objects.filter(pk=user.pk).update(is_staff=True)
    client.force_login(user)
    assert client.get(reverse("admin:signals_signal_changelist")).status_code == 200
