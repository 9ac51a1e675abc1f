#!/usr/bin/env bash
# Rebuild the example responses from their answer files (needed after a bank changes:
# responses record the hash of the bank they answered).
set -euo pipefail
cd "$(dirname "$0")"
survey() { ownerdiag survey --bank "$1" --role "$2" --name "$3" --answers "$4/answers/$2.yaml" --out "$4/$2.yaml" --force; }
for round in outbound outbound-next-quarter; do
    survey outbound cro "Dana Reyes" "$round"
    survey outbound vp_sales "Sam Ortiz" "$round"
done
survey revenue-leadership ceo "Alex Chen" revenue-leadership
survey revenue-leadership cro "Dana Reyes" revenue-leadership
survey revenue-leadership vp_sales "Sam Ortiz" revenue-leadership
survey ceo-cro ceo "Alex Chen" ceo-cro
survey ceo-cro cro "Dana Reyes" ceo-cro
