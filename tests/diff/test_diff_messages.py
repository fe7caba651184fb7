"""Change messages are declared, not composed: every kind declares its templates, every change says one of its
kind's templates with exactly the parameters the template takes, and the values stay typed (numbers, names)."""

from __future__ import annotations

import gettext
import json
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from qingdan.core import i18n
from qingdan.core.i18n import Message, fields
from qingdan.diff import KINDS, Change, compare
from qingdan.diff.codes import message_key
from qingdan.diff.model import Amount, Names
from qingdan.diff.pairing import load_side
from qingdan.output.diff_render import render

HERE = Path(__file__).parent
CASES = HERE / "cases"
REVISION = HERE.parent / "revision" / "example" / "2019"
SHIPPED = HERE.parent.parent / "policies" / "2017"


def _compared(old: Path, new: Path) -> list[Change]:
    a, b = load_side(str(old)), load_side(str(new))
    return list(compare(a.edition, b.edition, old_files=a.files, new_files=b.files).changes)


def _every_change() -> list[Change]:
    changes = [c for case in sorted(CASES.iterdir()) if (case / "old").is_dir()
               for c in _compared(case / "old", case / "new")]
    return changes + _compared(SHIPPED, REVISION)


@pytest.fixture(scope="module")
def every_change() -> list[Change]:
    return _every_change()


@pytest.mark.parametrize("code", sorted(KINDS))
def test_every_kind_declares_its_messages(code: str) -> None:
    kind = KINDS[code]
    assert kind.messages, f"{code} declares no message template"
    for key, template in kind.messages.items():
        assert key and template.strip()
        assert message_key(code, template) == key, f"{code}: two keys share the template {template!r}"


def test_every_change_says_a_template_of_its_kind_with_exactly_its_fields(every_change: list[Change]) -> None:
    assert len(every_change) > 50 and len({c.code for c in every_change}) > 20  # not an empty run
    for change in every_change:
        said = change.message
        declared = KINDS[change.code].messages
        assert isinstance(said, Message)
        assert said.template in declared.values(), (change.code, said.template)
        assert fields(said.template) == set(said.values), (change.code, said.template, said.values)
        assert change.text == said.text()


def test_the_kinds_used_cover_every_class_of_value(every_change: list[Change]) -> None:
    """The cases exercise typed values of each shape: amounts, names, numbers."""
    olds = [c.old for c in every_change] + [c.new for c in every_change]
    assert any(isinstance(v, Amount) for v in olds)
    assert any(isinstance(v, Names) for v in olds)
    assert any(isinstance(v, tuple) and all(isinstance(n, int) for n in v) for v in olds)  # a renumbered run


def test_json_carries_typed_values_and_the_message_params() -> None:
    changes = json.loads(render("json", [compare(load_side(str(CASES / "amount-lowered" / "old")).edition,
                                                 load_side(str(CASES / "amount-lowered" / "new")).edition)]))
    lowered = next(c for c in changes["reports"][0]["changes"] if c["code"] == "QC402")
    assert isinstance(lowered["old"]["value"], (int, float)) and isinstance(lowered["new"]["value"], (int, float))
    assert lowered["new"]["value"] < lowered["old"]["value"]
    assert lowered["message_key"] == "relative-per"  # 每生每年 on both sides
    assert lowered["params"]["old"] == lowered["old"] and lowered["params"]["new"] == lowered["new"]
    assert lowered["params"]["percent"] == pytest.approx(lowered["relative"] * 100)
    assert KINDS["QC402"].messages[lowered["message_key"]]


def test_a_renumbered_run_keeps_its_numbers() -> None:
    change = next(c for c in _compared(CASES / "service-inserted" / "old", CASES / "service-inserted" / "new")
                  if c.code == "QC105")
    assert isinstance(change.old, tuple) and isinstance(change.new, tuple)
    (first, last), (moved_first, moved_last) = ([v for v in side if isinstance(v, int)] for side in (change.old,
                                                                                                    change.new))
    assert change.message.values["delta"] == moved_first - first == moved_last - last
    assert change.message.values["count"] == last - first + 1


class _Marked(gettext.NullTranslations):
    """A catalog that marks every text it translates, to see which texts go through the catalog."""

    def gettext(self, message: str) -> str:
        return f"«{message}»"

    def ngettext(self, msgid1: str, msgid2: str, n: int) -> str:
        return f"«{msgid1 if n == 1 else msgid2}»"


def test_class_names_headings_and_messages_are_translated_and_the_json_keeps_slugs(
        monkeypatch: pytest.MonkeyPatch) -> None:
    old, new = load_side(str(CASES / "amount-lowered" / "old")), load_side(str(CASES / "amount-lowered" / "new"))
    report = compare(old.edition, new.edition, old_name="old", new_name="new")
    monkeypatch.setattr(i18n, "_active", _Marked())
    text = render("text", [report])
    for shown in ("«regression»", '«quantity "', "«implied data-version bump: «major»", "«2 changes ("):
        assert shown in text, shown
    markdown = render("markdown", [report])
    assert "#### «open regressions (只增不减)»" in markdown and "| «class» | «changes» |" in markdown
    data = json.loads(render("json", [report]))["reports"][0]
    lowered = next(c for c in data["changes"] if c["code"] == "QC402")
    assert lowered["class"] == "regression" and "regression" in data["counts"]
    assert lowered["message"].startswith("«quantity")  # the one text in the JSON: in the run's language


def test_the_json_format_page_shows_the_fields_the_renderer_writes() -> None:
    """docs/diff-json.md's example has exactly the fields of today's output, at today's version."""
    from qingdan.output.diff_render.json_format import VERSION

    page = (HERE.parent.parent / "docs" / "diff-json.md").read_text(encoding="utf-8")
    example = json.loads(page.split("```json\n", 1)[1].split("```", 1)[0])
    old, new = load_side(str(CASES / "amount-lowered" / "old")), load_side(str(CASES / "amount-lowered" / "new"))
    real = json.loads(render("json", [compare(old.edition, new.edition)]))
    assert example["version"] == real["version"] == VERSION
    assert example["reports"][0].keys() == real["reports"][0].keys()
    shown, lowered = example["reports"][0]["changes"][0], real["reports"][0]["changes"][-1]
    assert lowered["code"] == shown["code"] == "QC402"
    assert shown.keys() == lowered.keys() and shown["old"].keys() == lowered["old"].keys()
    assert shown["params"].keys() == lowered["params"].keys()


def _diff_schema() -> Draft202012Validator:
    schema = json.loads((HERE.parent.parent / "schema" / "diff.schema.json").read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


def test_every_golden_json_satisfies_the_diff_schema() -> None:
    validator = _diff_schema()
    goldens = [*sorted(CASES.glob("*/expected.json")), HERE.parent / "revision" / "expected.json"]
    for path in goldens:
        errors = [e.message for e in validator.iter_errors(json.loads(path.read_text(encoding="utf-8")))]
        assert errors == [], path
    assert len(goldens) > 10


def test_the_schema_refuses_the_display_strings_of_version_1() -> None:
    document = json.loads((CASES / "amount-lowered" / "expected.json").read_text(encoding="utf-8"))
    lowered = next(c for c in document["reports"][0]["changes"] if c["code"] == "QC402")
    lowered["old"] = "1500 元 每生每年"
    assert not _diff_schema().is_valid(document)
    document["version"] = "1.1"
    lowered["old"] = lowered["new"]
    assert not _diff_schema().is_valid(document)
