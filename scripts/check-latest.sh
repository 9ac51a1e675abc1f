#!/usr/bin/env bash
# On demand, never in CI: install the newest release of every dependency the version ranges in
# pyproject.toml allow (not the lock), show what differs from the lock, and run the whole suite.
# A failure here is drift seen on purpose: fix the code or the test, then refresh the lock with
# scripts/lock.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 -m venv "$work/venv"
"$work/venv/bin/pip" install --quiet --disable-pip-version-check --upgrade '.[test]'
echo "Newer than the lock:" >&2
"$work/venv/bin/pip" list --format=freeze --disable-pip-version-check | while IFS= read -r pinned; do
    name=${pinned%%==*}
    case "$name" in ownerdiag|pip|setuptools) continue ;; esac
    grep -qi "^${name//[-_.]/[-_.]}==${pinned#*==}\b" requirements/test.lock || echo "  $pinned" >&2
done
"$work/venv/bin/python" -m pytest -q "$@"
