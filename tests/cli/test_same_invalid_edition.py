"""One load pipeline: an edition that does not load gets the same exit code and the same one line from every command
that reads it (validate aside, which lists every finding).

Four failures, each in a copy of a small edition at ``2017/``: data that fails its schema and a key given twice
(exit 1: the data is wrong), YAML that does not parse and a folder that does not exist (exit 2: the input cannot be
read). fmt formats any edition that parses (an editor formats before fixing the data; it refuses a duplicate key on
its own terms), so it answers the two failures of reading only.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from tests.conftest import RunCli

BASELINE = Path(__file__).resolve().parent.parent / "validate" / "cases" / "valid" / "baseline"
E = "2017"
SERVICE = "services/medical-aid.yaml"
MISSING = "gone/2017"

COMMANDS: dict[str, list[str]] = {
    "diff": ["diff", E, E],
    "summary": ["summary", E],
    "tasks": ["tasks", "区财政局", E],
    "units": ["units", E],
    "export": ["export", E, "--format", "json", "-o", "out.json"],
    "render": ["render", E],
    "fmt": ["fmt", E],
    "renumber": ["renumber", E],
    "rename-unit": ["rename-unit", "区财政局", "区财政厅", E],
    "new-edition": ["new-edition", E, "2021"],
}

# damage: (the text replaced in the service file, or None for no edition folder at all; exit code; commands left out)
DAMAGES: dict[str, tuple[tuple[str, str] | None, int, set[str]]] = {
    "schema-invalid": (("target: 困难群众\n", "target: 17\n"), 1, {"fmt"}),
    "duplicate-key": (("target: 困难群众\n", "target: 困难群众\ntarget: 其他\n"), 1, {"fmt"}),
    "broken-yaml": (("target: 困难群众\n", "target: [困难群众\n"), 2, set()),
    "missing-folder": (None, 2, set()),
}


def _first_error(run_cli: RunCli) -> str:
    """file:line:col of the first error validate reports: the place every command must name."""
    result = run_cli("validate", E, "--format", "github")
    line = next(line for line in result.stdout.splitlines() if line.startswith("::error"))
    fields = dict(item.split("=", 1) for item in line.split(" ", 1)[1].split("::", 1)[0].split(","))
    return f"{fields['file']}:{fields['line']}:{fields['col']}"


@pytest.mark.parametrize("damage", sorted(DAMAGES))
def test_every_command_gives_the_same_answer(damage: str, run_cli: RunCli, tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    replace, exit_code, left_out = DAMAGES[damage]
    answers = {}
    written = {}
    for command, args in COMMANDS.items():
        if command in left_out:
            continue
        root = tmp_path / command
        root.mkdir()
        if replace is not None:
            shutil.copytree(BASELINE, root / E, ignore=shutil.ignore_patterns("expected", "covers.txt"))
            path = root / E / SERVICE
            text = path.read_text(encoding="utf-8")
            assert replace[0] in text
            path.write_text(text.replace(*replace, 1), encoding="utf-8")
        else:  # a path, so that no shipped edition of that name stands in for it
            args = [MISSING if arg == E else arg for arg in args]
        monkeypatch.chdir(root)
        result = run_cli(*args)
        assert result.exception is None, f"{command}: {result.exception!r}"
        answers[command] = (result.exit_code, result.stderr)
        written[command] = (root / "2021").exists() or (root / "out.json").exists()
    assert not any(written.values()), written
    assert len(set(answers.values())) == 1, "\n".join(f"{c}: {a}" for c, a in answers.items())
    code, stderr = next(iter(answers.values()))
    assert code == exit_code
    assert stderr.startswith("qingdan: ") and stderr.count("\n") == 1, stderr
    if damage in ("schema-invalid", "duplicate-key"):
        monkeypatch.chdir(tmp_path / "diff")
        assert stderr.startswith(f"qingdan: {_first_error(run_cli)}: ")
        assert "qingdan validate" in stderr
    elif damage == "broken-yaml":
        assert stderr.startswith(f"qingdan: {E}/{SERVICE}:5:9: the [ opened here is not closed")  # where it opens
    else:
        assert stderr == f"qingdan: {MISSING}: no such edition folder\n"
