"""The PowerShell twins of the Chinese docs' commands: how a bash command of a page is written in PowerShell.

A page shows each ```console block (run by the tests, see guides.py) and the ```sh quick start followed by a
```powershell block with the same commands as an editor types them on Windows: ``.venv\\Scripts\\qingdan`` for
``qingdan`` (no activation script, which PowerShell's execution policy often blocks), ``Select-Object`` and
``Select-String`` for ``tail``, ``head`` and ``grep``, and ``a; if ($?) { b }`` for ``a && b`` (Windows PowerShell
5.1 has no ``&&``). PowerShell blocks are shown, not run: guides.py runs only ```console and ```diff blocks; the
test holds every PowerShell block to the bash block before it, which is run.
"""

from __future__ import annotations

import re

FENCE = re.compile(r"^```(console|sh|powershell)\n(.*?)^```$", re.DOTALL | re.MULTILINE)
PROMPT = "PS> "

# bash pipeline stage -> PowerShell, tried in order (the first that matches the whole stage)
_STAGES: tuple[tuple[str, str], ...] = (
    (r"tail -n (\d+)", r"Select-Object -Last \1"),
    (r"head -n (\d+)", r"Select-Object -First \1"),
    (r'grep -A (\d+) "([^"]*)"', r"Select-String '\2' -Context 0,\1"),
    (r"grep -A (\d+) (\S+)", r"Select-String \2 -Context 0,\1"),
    (r'grep -v -e (\S+) -e "(.*)"', r"Select-String -NotMatch -Pattern \1,'\2'"),
    (r'grep "([^"]*)"', r"Select-String '\1'"),
    (r"grep (\S+)", r"Select-String \1"),
)


def _program(command: str) -> str:
    """One simple command: qingdan and the virtual environment's programs from .venv\\Scripts."""
    command = command.strip()
    command = re.sub(r"^python3 -m venv", "py -m venv", command)
    command = re.sub(r"^\.venv/bin/", r".venv\\Scripts\\", command)
    command = re.sub(r"^qingdan\b", r".venv\\Scripts\\qingdan", command)
    if match := re.fullmatch(r"head -n (\d+) (\S+)", command):
        return f"Get-Content {match.group(2)} -Encoding UTF8 -TotalCount {match.group(1)}"
    if match := re.fullmatch(r"ls (\S+)", command):
        return f"(Get-Item {match.group(1)}).Name"
    return command


def _pipeline(pipeline: str) -> str:
    first, *stages = pipeline.split(" | ")
    out = [_program(first)]
    for stage in stages:
        for pattern, replacement in _STAGES:
            if re.fullmatch(pattern, stage.strip()):
                out.append(re.sub(pattern, replacement, stage.strip()))
                break
        else:
            raise ValueError(f"no PowerShell twin for the pipeline stage {stage!r}")
    return " | ".join(out)


def twin(command: str) -> str:
    """``command`` (bash) as PowerShell: ``a && b && c`` becomes ``a; if ($?) { b; if ($?) { c } }``."""
    first, *rest = command.split(" && ")
    text = _pipeline(first)
    if rest:
        text += "; if ($?) { " + twin(" && ".join(rest)) + " }"
    return text


def commands(kind: str, body: str) -> list[str]:
    """The commands of a block: a console block's ``$ `` lines, a sh block's lines, a PowerShell block's ``PS> ``
    lines."""
    if kind == "console":
        return [line[2:] for line in body.splitlines() if line.startswith("$ ")]
    if kind == "powershell":
        return [line[len(PROMPT):] for line in body.splitlines() if line.startswith(PROMPT)]
    return [line for line in body.splitlines() if line.strip()]


def pairs(text: str) -> list[tuple[tuple[str, str], tuple[str, str] | None]]:
    """Each bash block (console or sh) with the PowerShell block right after it, or None; a PowerShell block with no
    bash block before it is paired with ("", "")."""
    found: list[tuple[tuple[str, str], tuple[str, str] | None]] = []
    for match in FENCE.finditer(text):
        kind, body = match.group(1), match.group(2)
        if kind == "powershell":
            if found and found[-1][1] is None and found[-1][0][0]:
                found[-1] = (found[-1][0], (kind, body))
            else:
                found.append((("", ""), (kind, body)))
        else:
            found.append(((kind, body), None))
    return found


def block(kind: str, body: str) -> str:
    """The PowerShell block that twins a bash block."""
    return "```powershell\n" + "".join(f"{PROMPT}{twin(c)}\n" for c in commands(kind, body)) + "```\n"


_BLOCK = re.compile(r"^```(console|sh)\n(.*?)^```\n(?:\n```powershell\n.*?^```\n)?", re.DOTALL | re.MULTILINE)


def with_twins(text: str) -> str:
    """``text`` with every console or sh block followed by its PowerShell twin, made afresh (``--update-golden``)."""
    def add(match: re.Match[str]) -> str:
        kind, body = match.group(1), match.group(2)
        bash = f"```{kind}\n{body}```\n"
        return bash + "\n" + block(kind, body) if commands(kind, body) else bash

    return _BLOCK.sub(add, text)
