"""Rebuild the hostile files that are derived from the shipped examples and banks (run after a
bank changes: responses record its hash). The others in tests/hostile/ are fixed bytes.

    python tests/make_hostile.py
"""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HOSTILE = ROOT / "tests" / "hostile"


ENGAGEMENT = """\
format: ownerdiag-engagement/1
client: Acme
bank: outbound
people:
- name: Dana Reyes
  role: cro
- name: Sam Ortiz
  role: vp_sales
rounds:
- name: 2026-Q4
"""


def first(pattern: str, text: str) -> re.Match[str]:
    found = re.search(pattern, text, re.M)
    assert found, pattern
    return found


def main() -> None:
    response = (ROOT / "examples" / "outbound" / "cro.yaml").read_text()
    bank = (ROOT / "questions" / "outbound.yaml").read_text()
    rating = first(r"^  (\w+): ([1-5])$", response)
    sentence = first(r"^  (strategy_owner_sentence): (.*)$", response)
    owner = first(r"^  (\w+): cro$", response.split("\nanswers:\n", 1)[1])
    title = first(r"^title: (.*)$", bank)
    prompt = first(r"^    prompt: (\"?Who owns outbound strategy.*)$", bank)
    files = {
        "response-true-as-rating.yaml": response.replace(rating[0], f"  {rating[1]}: true"),
        "response-superscript-rating.yaml": response.replace(rating[0], f'  {rating[1]}: "²"'),
        "response-quoted-rating.yaml": response.replace(rating[0], f'  {rating[1]}: "{rating[2]}"'),
        "response-number-as-text.yaml": response.replace(sentence[0], f"  {sentence[1]}: 42"),
        "response-answer-with-spaces.yaml": response.replace(owner[0], f"  {owner[1]}: ' cro '"),
        "response-escapes-in-name-and-keys.yaml": response.replace(
            "name: Dana Reyes", 'name: "Dana\\e]52;c;aGk=\\a\\e[2J\\u202eReyes"'
        ).replace(f"  {owner[1]}:", f'  "{owner[1]}\\e[31m":', 1),
        "response-wrong-format-stamp.yaml": response.replace(
            "ownerdiag-response/1", "ownerdiag-response/9"
        ),
        "response-name-with-line-breaks.yaml": response.replace(
            "name: Dana Reyes", 'name: "Dana\\nAlignment 100/100\\nThe answers agree\\nReyes"'
        ),
        "response-name-with-noncharacters.yaml": response.replace(
            "name: Dana Reyes", 'name: "Dana\\uFFFE\\uFFFFReyes"'
        ),
        "response-times-without-a-zone.yaml": response.replace("Z'\n", "'\n"),
        "engagement-name-with-line-breaks.yaml": ENGAGEMENT.replace(
            "name: Sam Ortiz", 'name: "Sam\\nAlignment 100/100\\nOrtiz"'
        ),
        "engagement-role-not-in-the-bank.yaml": ENGAGEMENT.replace("role: vp_sales", "role: ceo"),
        "bank-version-with-line-break.yaml": re.sub(
            r'(?m)^version: "([^"]*)"', lambda m: f'version: "{m[1]}\\nX"', bank, count=1
        ),
        "bank-title-with-separator.yaml": bank.replace(
            title[0], 'title: "Out\\u2028bound ownership"', 1
        ),
        "bank-prompt-with-escapes.yaml": bank.replace(
            prompt[0],
            '    prompt: "\\e]8;;http://x\\e\\\\Who\\e]8;;\\e\\\\ owns outbound strategy?'
            '\\e[2J\\u202e"',
            1,
        ),
        "bank-unknown-kind.yaml": bank.replace("kind: owner", "kind: ranking", 1),
    }
    for name, text in files.items():
        (HOSTILE / name).write_text(text)
        print(f"wrote {HOSTILE / name}")


if __name__ == "__main__":
    main()
