"""Print the state diagram (Mermaid) generated from workflow.TRANSITIONS; --write updates the doc."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from signaalloket.signals.workflow import mermaid

START = "<!-- workflow:start -->"
END = "<!-- workflow:end -->"


def architecture_doc() -> Path:
    return Path(settings.BASE_DIR) / "docs" / "architecture.md"


def diagram_block() -> str:
    return f"{START}\n```mermaid\n{mermaid()}\n```\n{END}"


def embedded_block(text: str) -> str | None:
    """The block between the markers in the document (markers included), or None."""
    start = text.find(START)
    end = text.find(END, start + len(START)) if start != -1 else -1
    if start == -1 or end == -1:
        return None
    return text[start : end + len(END)]


class Command(BaseCommand):
    help = "Toont het toestandsdiagram (Mermaid) uit de overgangstabel; --write werkt docs/architecture.md bij."

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--write", action="store_true", help="Werk het diagram in docs/architecture.md bij."
        )

    def handle(self, *args, **options) -> None:
        if not options["write"]:
            self.stdout.write(mermaid())
            return
        path = architecture_doc()
        if not path.exists():
            raise CommandError(f"{path} bestaat niet.")
        text = path.read_text(encoding="utf-8")
        current = embedded_block(text)
        if current is None:
            raise CommandError(f"De markeringen {START} en {END} ontbreken in {path}.")
        new_text = text.replace(current, diagram_block(), 1)
        if new_text == text:
            self.stdout.write(f"{path} is al actueel.")
            return
        path.write_text(new_text, encoding="utf-8")
        self.stdout.write(self.style.SUCCESS(f"Diagram in {path} bijgewerkt."))
