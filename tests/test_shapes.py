"""Each SHACL shape rejects the data it exists to reject, and only for its own reason."""

from pathlib import Path

import pytest

from kg.validate import validate_files
from tests.support import FIXTURES

SHAPES = FIXTURES / "shapes"
BASE = SHAPES / "base.ttl"

# fixture -> (shape named in every result, focus node, path or None for node-level shapes)
CASES = {
    "label": ("cf:LabelShape", "actor:nameless", "rdfs:label"),
    "citation-required": ("cf:CitationRequiredShape", "event:uncited", "cf:citation"),
    "citation": ("cf:CitationShape", None, "cf:quotation"),
    "instant": ("cf:InstantShape", None, "time:inXSDDateTime"),
    "agreement": ("cf:AgreementShape", "agreement:twice", "cf:effectiveAt"),
    "event-time": ("cf:EventTimeShape", "event:timeless", None),
    "claim": ("cf:ClaimShape", "claim:orphan", "cf:claimant"),
    "quantity-report": ("cf:QuantityReportShape", "report:negative", "cf:count"),
    "casualty-report": ("cf:CasualtyReportShape", "report:kindless", "cf:casualtyKind"),
    "violation": ("cf:ViolationShape", "event:unanchored", "cf:violates"),
    "contested-perpetrator": ("cf:ContestedPerpetratorShape", "event:contested-strike", None),
}


def _validate(name: str):
    return validate_files([BASE, SHAPES / f"{name}.ttl"])


def test_valid_fixture_conforms():
    report = _validate("valid")
    assert report.conforms, report.render()


@pytest.mark.parametrize("name", sorted(CASES))
def test_each_shape_fails_for_its_own_reason(name: str):
    shape, focus, path = CASES[name]
    report = _validate(name)
    assert not report.conforms
    assert report.violations, "a failing report lists its results"
    for violation in report.violations:
        assert violation.shape.endswith(shape), report.render()
        if focus is not None:
            assert violation.focus == focus, report.render()
        if path is not None:
            assert violation.path == path, report.render()
        assert violation.message


def test_every_shape_has_a_failing_fixture():
    shapes_text = (Path(__file__).parents[1] / "ontology" / "shapes.ttl").read_text()
    declared = {line.split()[0] for line in shapes_text.splitlines() if "a sh:NodeShape" in line}
    assert declared == {shape for shape, _, _ in CASES.values()}


def test_report_is_readable():
    text = _validate("agreement").render()
    for part in ("focus node: agreement:twice", "path:       cf:effectiveAt", "cf:AgreementShape",
                 "exactly one effective time"):
        assert part in text
