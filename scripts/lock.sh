#!/usr/bin/env bash
# Refresh requirements/test.lock: the exact versions (with hashes) that the README's test
# command and CI install. Run it on purpose, then run the suite and commit the lock with it.
set -euo pipefail
cd "$(dirname "$0")/.."
tools=$(mktemp -d)
trap 'rm -rf "$tools"' EXIT
python3 -m venv "$tools/venv"
"$tools/venv/bin/pip" install --quiet --disable-pip-version-check uv
"$tools/venv/bin/uv" pip compile pyproject.toml --extra test --universal --python-version 3.10 \
    --generate-hashes --quiet --custom-compile-command "scripts/lock.sh" \
    -o requirements/test.lock "$@"
echo "requirements/test.lock refreshed; now run the tests against it (see docs/engineering.md)" >&2
