"""The one result type: a finding, a change and a load error are each a results.Result, immutable, and the module
that defines it sits at the bottom of the package (it imports nothing of qingdan but i18n and records, the way its
immutable classes are declared)."""

from __future__ import annotations

import ast
import dataclasses
from pathlib import Path

import pytest

from qingdan.check.validation import validate_edition
from qingdan.core import i18n
from qingdan.core.errors import EncodingError, InputError, OutputError, UnreadableError, YamlSyntaxError
from qingdan.core.results import Location, Result, Severity, Subject, SuppressionKind
from qingdan.diff import compare
from qingdan.diff.model import Change, ChangeClass
from qingdan.edition.pipeline import load_edition
from qingdan.io.loading import load_document

RESULTS = Path(__file__).resolve().parents[2] / "tools" / "qingdan" / "core" / "results.py"


def test_the_result_module_imports_nothing_of_qingdan_but_i18n_and_records() -> None:
    tree = ast.parse(RESULTS.read_text(encoding="utf-8"))
    inner = {node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) and node.level > 0}
    absolute = {alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names}
    assert inner == {"i18n", "records"} and not any(name.startswith("qingdan") for name in absolute)


def test_a_finding_is_an_immutable_result_with_its_subject_and_waiver(shipped_edition: Path) -> None:
    report = validate_edition(shipped_edition)
    waived = report.waived[0]
    assert type(waived) is Result and waived.waived and waived.suppression is not None
    assert waived.suppression.kind is SuppressionKind.WAIVED and waived.waiver_reason == waived.suppression.reason
    assert waived.subject.service and waived.subject.label and waived.subject.label.split(" ")[0].isdigit()
    with pytest.raises(dataclasses.FrozenInstanceError):
        waived.code = "QD999"  # type: ignore[misc]
    assert not hasattr(waived, "__dict__")  # slots: nothing can be added either


def test_a_change_is_a_result_plus_its_payload(shipped_edition: Path) -> None:
    old = load_edition(shipped_edition)
    services = list(old.services)
    services[0] = dataclasses.replace(services[0], name=services[0].name + "（调整）")
    changes = compare(old, dataclasses.replace(old, services=tuple(services))).changes
    [renamed] = changes
    assert isinstance(renamed, Change) and isinstance(renamed, Result)
    assert renamed.subject == Subject(services[0].id, f"1 {services[0].name}", None, "name")
    assert (renamed.payload.cls, renamed.severity) == (ChangeClass.EDITORIAL, Severity.NOTE)
    assert renamed.payload.new == services[0].name
    assert renamed.text == f"name: {old.services[0].name} → {services[0].name}"
    assert renamed.segments and renamed.segments[-1].text == "（调整）"
    accepted = renamed.accept("更名")
    assert (accepted.accepted, accepted.suppression and accepted.suppression.kind) == ("更名", SuppressionKind.ACCEPTED)
    assert renamed.accepted is None  # accepting made a new change


def test_a_load_error_carries_its_result(tmp_path: Path) -> None:
    bad = tmp_path / "units.yaml"
    bad.write_text("units:\n  - name: [区民政局\n", encoding="utf-8")
    with pytest.raises(YamlSyntaxError) as caught:
        load_document(bad)
    result = caught.value.result
    assert result is not None and (result.code, result.severity) == ("QD004", Severity.ERROR)
    assert result.location == Location(str(bad), caught.value.line, caught.value.column) and result.location.line == 2
    assert result.text == caught.value.message and str(caught.value) == f"{result.location}: {result.text}"
    bad.write_bytes("units:\n  - name: 区民政局\n".encode("gb18030"))
    with pytest.raises(EncodingError) as encoded:
        load_document(bad)
    assert encoded.value.result is not None and encoded.value.result.code == "QD005"
    with pytest.raises(UnreadableError) as missing:
        load_document(tmp_path / "nope.yaml")
    assert missing.value.result is not None and missing.value.result.code == "QD006"
    assert InputError("not a load error, still input").result is not None  # validate shows every input error
    assert OutputError("cannot write").result is None  # a file that cannot be written is no result of the data


def test_a_load_error_is_said_in_the_language_of_the_run(tmp_path: Path) -> None:
    bad = tmp_path / "units.yaml"
    bad.write_text("units:\n  - name: [区民政局\n", encoding="utf-8")
    i18n.use("zh")
    try:
        with pytest.raises(YamlSyntaxError) as caught:
            load_document(bad)
    finally:
        i18n.use("en")
    assert caught.value.result is not None and "没有闭合" in caught.value.result.text
