"""`make bench`: fresh databases, generated data, page timings, due-job sweep and a load test.

Without --phase this command orchestrates: every step runs as a child process of
`manage.py` with DATABASE_URL pointing at a throw-away SQLite file under var/bench/, so the
normal database is never touched. With --phase it runs one step in the current process
(against whatever database the environment names) and writes its result as JSON.
"""

import json
import os
import platform
import shutil
import subprocess
import sys
import time
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

PHASES = ("pages", "sweep", "load")


class Command(BaseCommand):
    help = "Measure page times, the due-job sweep and a load test on generated data."

    def add_arguments(self, parser):
        parser.add_argument("--phase", choices=PHASES, help="run one step in this process")
        parser.add_argument("--json-out", help="file for the phase result (with --phase)")
        parser.add_argument("--signals", type=int, default=10_000)
        parser.add_argument("--sweep-signals", type=int, default=100_000)
        parser.add_argument("--users", type=int, default=20, help="load test: simulated users")
        parser.add_argument("--duration", type=float, default=60, help="load test: seconds")
        parser.add_argument(
            "--think",
            default="0.5-1.5",
            help="load test: think time per user in seconds, 'a-b' or '0' for none",
        )
        parser.add_argument("--repeat-scale", type=float, default=1.0, help="page repeats x")
        parser.add_argument("--skip", action="append", default=[], choices=PHASES)
        parser.add_argument(
            "--reuse", action="store_true", help="keep the generated databases of a previous run"
        )
        parser.add_argument("--out", default="bench/results.json")

    # Child steps ------------------------------------------------------------------------------

    def handle(self, *args, **options):
        if options["phase"]:
            return self._phase(options)
        return self._orchestrate(options)

    def _phase(self, options):
        say = self.stdout.write
        phase = options["phase"]
        if phase == "pages":
            from signaalloket.bench.measure import measure_pages

            result = measure_pages(repeat_scale=options["repeat_scale"], progress=say)
        elif phase == "sweep":
            from signaalloket.bench.measure import measure_sweep

            result = measure_sweep(progress=say)
        else:
            from signaalloket.bench.loadtest import run_load_test

            think = None
            if options["think"] not in ("0", "", "none"):
                low, _sep, high = options["think"].partition("-")
                think = (float(low), float(high or low))
            result = run_load_test(
                users=options["users"], duration=options["duration"], think=think, progress=say
            )
        if options["json_out"]:
            Path(options["json_out"]).write_text(json.dumps(result, indent=2, default=str))
        return None

    # Orchestration ----------------------------------------------------------------------------

    def _orchestrate(self, options):
        base = Path(settings.BASE_DIR)
        work = base / "var" / "bench"
        work.mkdir(parents=True, exist_ok=True)
        results = {
            "started_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
            "machine": {
                "cpus": os.cpu_count(),
                "python": platform.python_version(),
                "platform": platform.platform(),
                "load_average_at_start": list(os.getloadavg()),
            },
            "database": "SQLite (file, WAL)",
        }
        empty = work / "empty.sqlite3"
        if not (options["reuse"] and empty.exists()):
            self._fresh(empty)
            self._step("migrate", empty, ["migrate", "--noinput", "-v0"])
        skip = set(options["skip"])

        if not {"pages", "load"} <= skip:
            pages_db = work / "pages.sqlite3"
            if not (options["reuse"] and pages_db.exists()):
                self._copy(empty, pages_db)
                results["generate"] = self._generate(pages_db, options["signals"], minimal=False)
        if "pages" not in skip:
            results["pages"] = self._run_phase("pages", pages_db, work, options)
        if "sweep" not in skip:
            sweep_db = work / "sweep.sqlite3"
            if not (options["reuse"] and sweep_db.exists()):
                self._copy(empty, sweep_db)
                results["generate_sweep"] = self._generate(
                    sweep_db, options["sweep_signals"], minimal=True
                )
            results["sweep"] = self._run_phase("sweep", sweep_db, work, options)
        if "load" not in skip:
            results["load"] = self._run_phase("load", pages_db, work, options)
        results["load_average_at_end"] = list(os.getloadavg())
        out = base / options["out"]
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(json.dumps(results, indent=2, default=str))
        self._print(results)
        shown = out.relative_to(base) if out.is_relative_to(base) else out
        self.stdout.write(f"\nResultaten: {shown}")

    def _env(self, db: Path) -> dict:
        env = os.environ.copy()
        env.update(
            {
                "DJANGO_SETTINGS_MODULE": "config.settings.local",
                "DATABASE_URL": f"sqlite:///{db}",
                "DEBUG": "false",
                "ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
                "MEDIA_ROOT": str(db.parent / "media"),
                "EMAIL_BACKEND": "django.core.mail.backends.dummy.EmailBackend",
                "LOG_LEVEL": "WARNING",
                "MFA_REQUIRED": "false",
            }
        )
        return env

    def _step(self, label: str, db: Path, args: list[str], *, capture: bool = False):
        started = time.perf_counter()
        self.stdout.write(f"== {label} ({db.name})")
        proc = subprocess.run(  # noqa: S603 (our own manage.py with fixed arguments)
            [sys.executable, "manage.py", *args],
            cwd=settings.BASE_DIR,
            env=self._env(db),
            capture_output=capture,
            text=True,
            check=False,
        )
        if proc.returncode != 0:
            if capture:
                self.stderr.write(proc.stdout + proc.stderr)
            raise CommandError(f"{label} mislukt (exitcode {proc.returncode})")
        return proc, time.perf_counter() - started

    def _generate(self, db: Path, signals: int, *, minimal: bool) -> dict:
        args = ["generate_load_data", "--signals", str(signals), "--json"]
        if minimal:
            args += ["--minimal", "--gemeenten", "300"]
        proc, seconds = self._step(f"generate_load_data {signals}", db, args, capture=True)
        stats = json.loads(proc.stdout.strip().splitlines()[-1])
        stats["wall_seconds"] = round(seconds, 1)
        self.stdout.write(
            f"   {stats['signals']} signalen, {stats['audit_events']} auditgebeurtenissen, "
            f"{stats['documents']} documenten in {stats['seconds']} s"
        )
        return stats

    def _run_phase(self, phase: str, db: Path, work: Path, options) -> dict:
        out = work / f"{phase}.json"
        out.unlink(missing_ok=True)
        args = ["bench", "--phase", phase, "--json-out", str(out)]
        args += ["--repeat-scale", str(options["repeat_scale"])]
        args += ["--users", str(options["users"]), "--duration", str(options["duration"])]
        args += ["--think", options["think"]]
        self._step(phase, db, args)
        return json.loads(out.read_text())

    @staticmethod
    def _fresh(db: Path) -> None:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{db}{suffix}").unlink(missing_ok=True)

    def _copy(self, source: Path, target: Path) -> None:
        self._fresh(target)
        shutil.copyfile(source, target)

    # Report -----------------------------------------------------------------------------------

    def _print(self, results: dict) -> None:
        write = self.stdout.write
        pages = results.get("pages")
        if pages:
            write("")
            write(
                f"Vloer (lege pagina in de opmaak): {pages['floor_ms']} ms; "
                f"kale vloer (HttpResponse): {pages['floor_plain_ms']} ms"
            )
            write(
                f"{'pagina':15} {'rol':10} {'mediaan':>9} {'p95':>9} {'x vloer':>8} "
                f"{'queries':>7}  doel"
            )
            for row in pages["pages"]:
                if row["page"].startswith("floor"):
                    continue
                target = row.get("target", "")
                verdict = ("ok" if row.get("met") else "NIET GEHAALD") if target else ""
                write(
                    f"{row['page']:15} {row['role']:10} {row['median_ms']:8.1f}ms "
                    f"{row['p95_ms']:8.1f}ms {row['ratio']:7.1f}x {row['queries']:7}  "
                    f"{target} {verdict}"
                )
        sweep = results.get("sweep")
        if sweep:
            write("")
            write(f"Due-job sweep over {sweep['signals']} signalen:")
            for name, run in sweep["runs"].items():
                write(f"  {name:20} {run['seconds']:7.3f} s")
        load = results.get("load")
        if load:
            write("")
            if "error" in load:
                write(f"Belastingtest: {load['error']}")
            else:
                write(
                    f"Belastingtest: {load['users']} gebruikers, {load['workers']} workers, "
                    f"{load['duration_s']} s: {load['requests']} verzoeken, {load['rps']}/s, "
                    f"mediaan {load['median_ms']} ms, p95 {load['p95_ms']} ms, "
                    f"{load['errors']} fouten"
                )
