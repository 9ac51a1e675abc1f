#!/usr/bin/env bash
# Rebuild the example responses from their answer files (needed after a bank changes).
set -euo pipefail
cd "$(dirname "$0")"
survey() { ownerdiag survey --bank "$1" --role "$2" --name "$3" --answers "$4" --out "$5" --force; }
survey outbound cro "Dana Reyes" outbound/answers/cro.yaml outbound/cro.yaml
survey outbound vp_sales "Sam Ortiz" outbound/answers/vp_sales.yaml outbound/vp_sales.yaml
