#!/usr/bin/env bash
# Regenerate requirements.lock from requirements.in in a throw-away virtualenv.
# Existing pins are kept (used as constraints); a new package gets its newest release.
# To upgrade everything: ./scripts/lock-requirements.sh --upgrade
set -euo pipefail
cd "$(dirname "$0")/.."
venv="$(mktemp -d)/venv"
trap 'rm -rf "$(dirname "$venv")"' EXIT
python3 -m venv "$venv"
constraints=()
if [ "${1:-}" != "--upgrade" ]; then
  constraints=(-c requirements.lock)
fi
"$venv/bin/pip" install --quiet --disable-pip-version-check "${constraints[@]}" -r requirements.in
{
  echo "# Pinned, reproducible dependencies; regenerate with scripts/lock-requirements.sh"
  "$venv/bin/pip" freeze --exclude-editable | grep -v '^pip=='
} > requirements.lock
echo "requirements.lock: $(grep -vc '^#' requirements.lock) packages"
