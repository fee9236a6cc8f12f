import json

from django.core.management.base import BaseCommand, CommandError

from signaalloket.bench.generate import RefusedError, check_allowed, generate


class Command(BaseCommand):
    help = (
        "Add N generated signals with everything they imply (audit trail, documents, drafts, "
        "comments, deadlines, organisations, users), in bulk. For load tests only."
    )

    def add_arguments(self, parser):
        parser.add_argument("--signals", type=int, required=True, help="number of signals")
        parser.add_argument("--seed", type=int, default=1, help="random seed (repeatable data)")
        parser.add_argument(
            "--minimal",
            action="store_true",
            help="only signals, submitters, addressees and deadlines (for the due-job sweep)",
        )
        parser.add_argument("--gemeenten", type=int, default=300, help="generated municipalities")
        parser.add_argument(
            "--no-search-index", action="store_true", help="do not rebuild the search index"
        )
        parser.add_argument(
            "--force", action="store_true", help="also when DEBUG is off and real signals exist"
        )
        parser.add_argument("--json", action="store_true", help="print the counts as JSON")

    def handle(self, *args, **options):
        if options["signals"] < 1:
            raise CommandError("--signals moet ten minste 1 zijn.")
        try:
            check_allowed(force=options["force"])
        except RefusedError as exc:
            raise CommandError(str(exc)) from exc
        quiet = options["json"] or options["verbosity"] == 0
        stats = generate(
            signals=options["signals"],
            seed=options["seed"],
            minimal=options["minimal"],
            gemeenten=options["gemeenten"],
            search_index=not options["no_search_index"],
            progress=None if quiet else (lambda m: self.stdout.write(f"  {m}")),
        )
        if options["json"]:
            self.stdout.write(json.dumps(stats.as_dict()))
        else:
            self.stdout.write(
                self.style.SUCCESS(f"{stats.signals} signalen gegenereerd in {stats.seconds} s.")
            )
