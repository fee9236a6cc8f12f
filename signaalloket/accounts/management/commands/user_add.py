"""Create a user with a membership (e.g. the first administrator of a new installation).

    manage.py user_add --email beheer@liec.nl --name "A. Beheerder" \
        --organisation "LIEC - Landelijk Loket Bestuurlijke Signalen" --role admin

The password is asked for on the terminal (or read from the environment variable named by
--password-env); it must pass the password validators.
"""

import getpass
import os

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from signaalloket.accounts import services
from signaalloket.accounts.models import User
from signaalloket.accounts.roles import Role
from signaalloket.core.errors import DomainError
from signaalloket.organisations.models import Organisation


class Command(BaseCommand):
    help = "Maak een gebruiker met een rol binnen een organisatie."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--email", required=True)
        parser.add_argument("--name", required=True)
        parser.add_argument("--organisation", required=True, help="naam van de organisatie")
        parser.add_argument("--role", required=True, choices=Role.values)
        parser.add_argument("--password-env", help="omgevingsvariabele met het wachtwoord")

    def handle(self, *args, **options) -> None:
        try:
            organisation = Organisation.objects.get(name=options["organisation"])
        except Organisation.DoesNotExist as exc:
            raise CommandError(f"Organisatie niet gevonden: {options['organisation']}") from exc
        if options["password_env"]:
            password = os.environ.get(options["password_env"], "")
        else:
            password = getpass.getpass("Wachtwoord: ")
        try:
            validate_password(password, User(email=options["email"], full_name=options["name"]))
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        try:
            with transaction.atomic():
                user = services.user_create(
                    actor=None, email=options["email"], full_name=options["name"], password=password
                )
                services.membership_grant(
                    actor=None, user=user, organisation=organisation, role=options["role"]
                )
        except DomainError as exc:
            raise CommandError(exc.message) from exc
        self.stdout.write(f"Gebruiker {user.email} aangemaakt ({options['role']}).")
