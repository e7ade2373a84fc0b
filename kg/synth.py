"""Synthetic source documents in the project's ontology, shaped like real reports.

Agreements come in conflicts of ``AGREEMENTS_PER_CONFLICT``. Each conflict has a background
report (its parties, their governments, ministries, forces and officials, a mediator and a group
of mediators, places nested by ``cf:locatedIn``, weapons and who supplies them) and one report per
agreement (the ceasefire with its times, its violations, accusations and denials, casualty
figures, announcements and statements). Each report is one Turtle file, hence one named graph.
The output depends only on the number of agreements and the seed.
"""

from __future__ import annotations

import logging
import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path

log = logging.getLogger(__name__)

AGREEMENTS_PER_CONFLICT = 10
FILE_PREFIX = "synth-"

_PREFIXES = """\
@prefix cf: <https://w3id.org/ceasefire-kg/ontology#> .
@prefix actor: <https://w3id.org/ceasefire-kg/id/actor/> .
@prefix person: <https://w3id.org/ceasefire-kg/id/person/> .
@prefix office: <https://w3id.org/ceasefire-kg/id/office/> .
@prefix agreement: <https://w3id.org/ceasefire-kg/id/agreement/> .
@prefix event: <https://w3id.org/ceasefire-kg/id/event/> .
@prefix claim: <https://w3id.org/ceasefire-kg/id/claim/> .
@prefix report: <https://w3id.org/ceasefire-kg/id/report/> .
@prefix place: <https://w3id.org/ceasefire-kg/id/place/> .
@prefix weapon: <https://w3id.org/ceasefire-kg/id/weapon/> .
@prefix source: <https://w3id.org/ceasefire-kg/id/source/> .
@prefix relationship: <https://w3id.org/ceasefire-kg/id/relationship/> .
@prefix concept: <https://w3id.org/ceasefire-kg/id/concept/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix time: <http://www.w3.org/2006/time#> .
@prefix dcterms: <http://purl.org/dc/terms/> .

"""

_ZONES = (4, 3, 2, 0, -5)
_SYLLABLES = ("ar", "be", "ka", "lo", "mi", "na", "or", "pe", "ru", "sa", "ti", "va", "zo")
_SETTLEMENT_CLASSES = ("cf:City", "cf:Town", "cf:Village")
_QUALIFIERS = ("exact", "at-least", "more-than", "about")
_WEAPONS = (
    ("missile", "cf:Missile", "ballistic missile"),
    ("rockets", "cf:Rocket", "rocket system"),
    ("artillery", "cf:Artillery", "howitzer"),
    ("drone", "cf:Drone", "strike drone"),
)


@dataclass(frozen=True)
class Conflict:
    """The names a conflict's reports share, all derived from its number."""

    number: int
    name: str
    zone: int
    start: datetime

    @property
    def key(self) -> str:
        """The slug every entity of this conflict starts with."""
        return f"{FILE_PREFIX}{self.number:05d}"

    @property
    def background(self) -> str:
        """The slug (file stem and source IRI) of the conflict's background report."""
        return f"{self.key}-background"


def _name(rng: random.Random) -> str:
    """A pronounceable made-up proper name."""
    return "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()


def _instant(when: datetime, precision: str, stated: str) -> str:
    """A blank time:Instant with zoned dateTime, precision and the words used."""
    return (
        f'[ a time:Instant ; time:inXSDDateTime "{when.isoformat()}"^^xsd:dateTime ;\n'
        f'        cf:precision {precision} ; cf:statedAs "{stated}" ]'
    )


def _citation(source: str, quotation: str, said_by: str) -> str:
    """A blank cf:Citation; quotations are kept within the shapes' 160 characters."""
    return (
        f"[ a cf:Citation ; dcterms:source source:{source} ;\n"
        f'        cf:quotation "{quotation[:160]}"@en ; cf:saidBy {said_by} ]'
    )


def _entity(subject: str, kind: str, label: str, *lines: str) -> str:
    """A Turtle block: the subject, its class, its label, then further ``p o`` lines."""
    body = "".join(f" ;\n    {line}" for line in lines)
    return f'{subject} a {kind} ;\n    rdfs:label "{label}"@en{body} .\n\n'


def background(conflict: Conflict) -> str:
    """The background report of a conflict: actors, offices, places, weapons, supplies."""
    k, name, src = conflict.key, conflict.name, conflict.background
    newsroom = f"actor:{k}-desk"
    when = conflict.start - timedelta(days=1)
    cite = _citation
    parts = [
        _entity(
            f"source:{src}",
            "cf:NewsReport",
            f"Background report on the {name} conflict",
            f'dcterms:issued "{when.date().isoformat()}"^^xsd:date',
            f"dcterms:creator {newsroom}",
            f"dcterms:subject event:{k}-conflict",
        ),
        _entity(newsroom, "cf:Organization", f"Regional desk covering {name}"),
        _entity(
            f"place:{k}-area",
            "cf:Region",
            f"{name} area",
            f"cf:citation {cite(src, f'the wider {name} area', newsroom)}",
        ),
    ]
    for side in ("a", "b"):
        state = f"actor:{k}-{side}"
        label = f"{name} {side.upper()}"
        parts += [
            _entity(state, "cf:State", f"State {label}", f"cf:territory place:{k}-{side}"),
            _entity(f"actor:{k}-{side}-government", "cf:GovernmentBody",
                    f"Government of {label}", f"cf:partOf {state}"),
            _entity(f"actor:{k}-{side}-defence-ministry", "cf:Ministry",
                    f"Defence Ministry of {label}", f"cf:partOf actor:{k}-{side}-government"),
            _entity(f"actor:{k}-{side}-forces", "cf:ArmedForce",
                    f"Armed forces of {label}", f"cf:partOf {state}"),
            _entity(f"office:{k}-{side}-foreign-minister", "cf:Office",
                    f"Foreign Minister of {label}", f"cf:officeOf {state}",
                    "cf:officeKind concept:foreign-minister"),
            _entity(f"person:{k}-{side}-foreign-minister", "cf:Official",
                    f"Foreign minister of {label}",
                    f"cf:holdsOffice office:{k}-{side}-foreign-minister"),
            _entity(f"place:{k}-{side}", "cf:Country", f"{label} (country)",
                    f"cf:locatedIn place:{k}-area"),
        ]
        for r in range(2):
            region = f"place:{k}-{side}-r{r}"
            parts.append(
                _entity(region, "cf:Region", f"Region {r + 1} of {label}",
                        f"cf:locatedIn place:{k}-{side}")
            )
            for s, kind in enumerate(_SETTLEMENT_CLASSES):
                extra = [f"cf:locatedIn {region}"]
                if s:
                    extra.append(f"cf:near place:{k}-{side}-r{r}-s{s - 1}")
                if r == 0 and s == 0:
                    extra = [f"cf:capitalOf {region}"]
                parts.append(
                    _entity(f"place:{k}-{side}-r{r}-s{s}", kind,
                            f"Settlement {s + 1} of region {r + 1} of {label}", *extra)
                )
    mediator, group = f"actor:{k}-mediator", f"actor:{k}-mediators"
    parts += [
        _entity(mediator, "cf:State", f"Mediating state of the {name} conflict"),
        _entity(f"actor:{k}-supplier", "cf:State", f"Arms supplier in the {name} conflict"),
        _entity(
            group, "cf:StateGroup", f"{name} contact group",
            f"cf:hasMember {mediator} , actor:{k}-supplier",
            f"cf:citation {cite(src, f'the {name} contact group of mediators', newsroom)}",
        ),
        _entity(
            f"event:{k}-conflict", "cf:ArmedConflict", f"{name} conflict",
            f"cf:conflictOver place:{k}-b-r1", f"cf:conflictParty actor:{k}-a , actor:{k}-b",
            f"cf:citation {cite(src, f'the conflict over the {name} borderlands', newsroom)}",
        ),
    ]
    for slug, kind, label in _WEAPONS:
        parts += [
            _entity(f"weapon:{k}-{slug}", kind, f"{label} ({name})"),
            _entity(
                f"weapon:{k}-{slug}-supplied", kind, f"Supplied {label} ({name})",
                f"cf:specialisationOf weapon:{k}-{slug}", f"cf:madeIn actor:{k}-supplier",
                f"cf:operatedBy actor:{k}-a-forces",
            ),
        ]
    parts.append(
        _entity(
            f"relationship:{k}-supply", "cf:Supply", f"Arms supplies to the forces of {name} A",
            f"cf:relationshipSubject actor:{k}-supplier",
            f"cf:relationshipObject actor:{k}-a-forces",
            "cf:suppliedItem " + " , ".join(f"weapon:{k}-{s}-supplied" for s, _, _ in _WEAPONS),
            f"cf:citation {cite(src, f'weapons supplied to the forces of {name} A', newsroom)}",
        )
    )
    return _PREFIXES + "".join(parts)


def _claim(subject: str, kind: str, label: str, when: datetime, src: str, quote: str,
           newsroom: str, *lines: str) -> str:
    """A claim with its date and the citation of the sentence that reports it."""
    return _entity(
        subject, kind, label, *lines,
        f"cf:claimedAt {_instant(when, 'time:unitDay', 'on the report date')}",
        f"cf:citation {_citation(src, quote, newsroom)}",
    )


def _violation(conflict: Conflict, slug: str, n: int, effective: datetime, src: str,
               newsroom: str, reported: datetime, rng: random.Random) -> str:
    """A violation of agreement ``slug``, the accusation, its denial and a casualty figure."""
    k, name = conflict.key, conflict.name
    days = rng.randint(0, 6) if rng.random() < 0.6 else rng.randint(8, 60)
    when = effective + timedelta(days=days, hours=rng.randint(0, 23))
    accuser, accused = ("a", "b") if rng.random() < 0.5 else ("b", "a")
    place = f"place:{k}-{accuser}-r{rng.randint(0, 1)}-s{rng.randint(0, 2)}"
    weapon, _, weapon_label = rng.choice(_WEAPONS)
    event, accusation = f"event:{slug}-v{n}", f"claim:{slug}-v{n}-accusation"
    parts = [
        _entity(
            event, "cf:CeasefireViolation", f"Violation {n + 1} of ceasefire {slug}",
            f"cf:violates agreement:{slug}", f"cf:partOfConflict event:{k}-conflict",
            f"cf:place {place}", f"cf:weapon weapon:{k}-{weapon}",
            f"cf:occurredAt {_instant(when, 'time:unitHour', f'{days} days after the truce')}",
            f"cf:citation {_citation(src, f'truce broken by {weapon_label} fire', newsroom)}",
        ),
        _claim(
            accusation, "cf:Accusation", f"{name} {accuser.upper()} blames {accused.upper()}",
            reported, src, f"{name} {accuser.upper()} accused {accused.upper()} of the attack",
            newsroom, f"cf:claimant actor:{k}-{accuser}-defence-ministry",
            f"cf:allegedPerpetrator actor:{k}-{accused}-forces", f"cf:about {event}",
            f'cf:content "Forces of {accused.upper()} broke the truce."@en',
        ),
    ]
    if rng.random() < 0.8:
        kind = "cf:Dismissal" if rng.random() < 0.3 else "cf:Denial"
        parts.append(
            _claim(
                f"claim:{slug}-v{n}-denial", kind, f"{name} {accused.upper()} denies the charge",
                reported, src, f"{name} {accused.upper()} denied any violation", newsroom,
                f"cf:claimant actor:{k}-{accused}-defence-ministry", f"cf:denies {accusation}",
                f"cf:about {event}",
            )
        )
    count = rng.randint(0, 120)
    qualifier = rng.choice(_QUALIFIERS)
    casualty = rng.choice(("killed", "wounded"))
    lines = [
        f"cf:reportedBy actor:{k}-{accuser}-defence-ministry", f"cf:about {event}",
        f"cf:casualtiesOf actor:{k}-{accuser}", f"cf:casualtyKind concept:{casualty}",
        f"cf:count {count}", f"cf:quantityQualifier concept:{qualifier}",
        f"cf:periodStart {_instant(effective, 'time:unitDay', 'since the truce')}",
        f"cf:asOf {_instant(reported, 'time:unitDay', 'on the report date')}",
    ]
    if rng.random() < 0.7:
        lines.append(f"cf:populationCategory concept:{rng.choice(('civilian', 'military'))}")
    parts.append(
        _claim(
            f"report:{slug}-v{n}-casualties", "cf:CasualtyReport",
            f"{count} {casualty} in violation {n + 1} of {slug}", reported, src,
            f"{count} people were {casualty}, the ministry said", newsroom, *lines,
        )
    )
    return "".join(parts)


def agreement_report(conflict: Conflict, index: int, rng: random.Random) -> tuple[str, str]:
    """The file stem and Turtle text of the report on agreement ``index`` of a conflict."""
    k, name = conflict.key, conflict.name
    slug = f"{k}-{index:02d}"
    src, newsroom = slug, f"actor:{slug}-newsroom"
    zone = timezone(timedelta(hours=conflict.zone))
    agreed = (conflict.start + timedelta(days=45 * index + rng.randint(0, 30))).replace(tzinfo=zone)
    effective = agreed + timedelta(days=rng.randint(0, 2), hours=rng.choice((0, 12)))
    reported = effective + timedelta(days=rng.randint(1, 70))
    brokered = "cf:brokeredBy" if rng.random() < 0.5 else "cf:mediatedBy"
    agreement = [
        f"cf:partOfConflict event:{k}-conflict", f"cf:party actor:{k}-a , actor:{k}-b",
        f"{brokered} actor:{k}-mediator", f"cf:venue place:{k}-a-r0-s0",
        f"cf:announcedBy person:{k}-a-foreign-minister , person:{k}-b-foreign-minister",
        f"cf:announcedAt {_instant(agreed, 'time:unitDay', 'announced')}",
        f"cf:agreedAt {_instant(agreed, 'time:unitDay', 'agreed')}",
        f"cf:effectiveAt {_instant(effective, 'time:unitMinute', 'from midnight')}",
        f"cf:citation {_citation(src, f'{name} A and {name} B agreed to a ceasefire', newsroom)}",
    ]
    if index:
        agreement.append(f"cf:follows agreement:{k}-{index - 1:02d}")
    parts = [
        _entity(
            f"source:{src}", "cf:NewsReport", f"Report on ceasefire {index + 1} of {name}",
            f'dcterms:issued "{reported.date().isoformat()}"^^xsd:date',
            f"dcterms:creator {newsroom}", f"dcterms:subject event:{k}-conflict",
        ),
        _entity(newsroom, "cf:Organization", f"Newsroom of report {slug}"),
        _entity(f"agreement:{slug}", "cf:Ceasefire", f"Ceasefire {index + 1} of {name}",
                *agreement),
    ]
    for side in ("a", "b"):
        parts.append(
            _claim(
                f"claim:{slug}-{side}-announces", "cf:Announcement",
                f"{name} {side.upper()} announces ceasefire {index + 1}", reported, src,
                f"the foreign minister of {name} {side.upper()} announced the truce", newsroom,
                f"cf:claimant person:{k}-{side}-foreign-minister", f"cf:about agreement:{slug}",
            )
        )
    parts.append(
        _claim(
            f"claim:{slug}-mediator-urges", "cf:Statement",
            f"The mediator urges both sides to keep ceasefire {index + 1}", reported, src,
            "the mediator urged both sides to abide by the deal", newsroom,
            f"cf:claimant actor:{k}-mediator", f"cf:about agreement:{slug}",
            f"cf:addressee actor:{k}-a , actor:{k}-b",
        )
    )
    for n in range(rng.choice((0, 1, 1, 2, 2, 3))):
        parts.append(_violation(conflict, slug, n, effective, src, newsroom, reported, rng))
    if rng.random() < 0.5:
        when = effective - timedelta(days=rng.randint(1, 20))
        parts.append(
            _entity(
                f"event:{slug}-shelling", "cf:Shelling", f"Shelling before ceasefire {index + 1}",
                f"cf:partOfConflict event:{k}-conflict", f"cf:perpetrator actor:{k}-b-forces",
                f"cf:target place:{k}-a-r1-s2", f"cf:weapon weapon:{k}-artillery",
                f"cf:occurredAt {_instant(when, 'time:unitDay', 'earlier this month')}",
                f"cf:citation {_citation(src, 'artillery of B shelled the village', newsroom)}",
            )
        )
    return slug, _PREFIXES + "".join(parts)


def conflicts(agreements: int, seed: int) -> Iterator[tuple[Conflict, int]]:
    """Each conflict with the number of agreements it has."""
    rng = random.Random(f"{seed}")
    start = datetime(1990, 1, 1)
    for number in range(0, -(-agreements // AGREEMENTS_PER_CONFLICT)):
        count = min(AGREEMENTS_PER_CONFLICT, agreements - number * AGREEMENTS_PER_CONFLICT)
        zone = rng.choice(_ZONES)
        begin = (start + timedelta(days=rng.randint(0, 12000))).replace(
            tzinfo=timezone(timedelta(hours=zone))
        )
        yield Conflict(number=number, name=_name(rng), zone=zone, start=begin), count


def documents(agreements: int, seed: int) -> Iterator[tuple[str, str]]:
    """The file stem and Turtle text of every synthetic report, in order."""
    for conflict, count in conflicts(agreements, seed):
        yield conflict.background, background(conflict)
        for index in range(count):
            yield agreement_report(
                conflict, index, random.Random(f"{seed}-{conflict.number}-{index}")
            )


def write(agreements: int, seed: int, output: Path) -> list[Path]:
    """Write the dataset into ``output``; earlier synthetic files there are removed first."""
    output.mkdir(parents=True, exist_ok=True)
    for old in output.glob(f"{FILE_PREFIX}*.ttl"):
        old.unlink()
    paths = []
    for stem, text in documents(agreements, seed):
        path = output / f"{stem}.ttl"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    log.info("wrote %d synthetic reports to %s", len(paths), output)
    return paths
