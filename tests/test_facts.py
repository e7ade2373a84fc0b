"""Every statement of the 2020-10-17 report is in the graph, with its claimant and its source.

Each case is one statement of the report written as a SPARQL ASK pattern over the built graph
(asserted + inferred + derived). Claims must carry their claimant and a citation; a contested
perpetrator is only ever stated through a claim.
"""

import re

import pytest
from rdflib import URIRef

from kg.namespaces import ID, SOURCE_GRAPH_PREFIX, sparql_prologue

SOURCE = "source:2020-10-17-new-ceasefire-attempt"


def day(value: str) -> str:
    """A time instant pattern: a local day at UTC+4 with day precision."""
    return (f'[ time:inXSDDateTime "{value}T00:00:00+04:00"^^xsd:dateTime ; '
            "cf:precision time:unitDay ]")


def claim(kind: str, claimant: str, about: str, extra: str = "") -> str:
    """A claim of ``kind`` by ``claimant`` about ``about``, cited from the report."""
    return (f"?claim a cf:{kind} ; cf:claimant {claimant} ; cf:about {about} ; "
            f"cf:claimedAt/time:inXSDDateTime ?claimed ; cf:citation/dcterms:source {SOURCE} . "
            f"{extra}")


STATEMENTS = {
    "new ceasefire from midnight (UTC+4), announced by both foreign ministers": f"""
        agreement:2020-10-18-ceasefire a cf:Ceasefire ;
            cf:party actor:armenia , actor:azerbaijan ;
            cf:announcedBy person:armenia-foreign-minister , person:azerbaijan-foreign-minister ;
            cf:announcedAt {day("2020-10-17")} ;
            cf:effectiveAt [ time:inXSDDateTime "2020-10-18T00:00:00+04:00"^^xsd:dateTime ;
                             cf:precision time:unitMinute ; cf:statedAs "starting from midnight" ] ;
            cf:follows agreement:2020-10-10-moscow-ceasefire .
        {claim("Announcement", "person:armenia-foreign-minister", "agreement:2020-10-18-ceasefire")}
        ?other a cf:Announcement ; cf:claimant person:azerbaijan-foreign-minister ;
            cf:about agreement:2020-10-18-ceasefire .""",
    "Saturday's Russia-brokered deal of 2020-10-10 from the Moscow talks": f"""
        agreement:2020-10-10-moscow-ceasefire a cf:Ceasefire ; cf:brokeredBy actor:russia ;
            cf:party actor:armenia , actor:azerbaijan ;
            cf:agreedAt [ time:inXSDDateTime ?agreed ; cf:precision time:unitDay ] ;
            cf:effectiveAt {day("2020-10-10")} ;
            cf:producedBy event:2020-10-10-moscow-talks .
        FILTER (STRSTARTS(STR(?agreed), "2020-10-10"))""",
    "Russia hosted more than 10 hours of talks between top diplomats": """
        event:2020-10-10-moscow-talks a cf:Talks ; cf:host actor:russia ; cf:durationHours 10 ;
            cf:quantityQualifier concept:more-than ;
            cf:participant person:armenia-foreign-minister , person:azerbaijan-foreign-minister .""",
    "the truce frayed immediately after it took force": """
        ?breach cf:violates agreement:2020-10-10-moscow-ceasefire ; cf:daysAfterEffective 0 .""",
    "both sides blamed each other for the breach": f"""
        {claim("Accusation", "actor:armenia", "event:2020-10-10-moscow-ceasefire-breach",
               "?claim cf:allegedPerpetrator actor:azerbaijan .")}
        ?counter a cf:Accusation ; cf:claimant actor:azerbaijan ; cf:allegedPerpetrator actor:armenia ;
            cf:about event:2020-10-10-moscow-ceasefire-breach .""",
    "full-scale fighting raged through the week": f"""
        event:2020-10-10-fighting-through-the-week a cf:Hostilities ;
            cf:occurredAt {day("2020-10-10")} ; cf:endedAt {day("2020-10-17")} .""",
    "phone calls between Lavrov and his counterparts preceded the new deal": """
        event:2020-10-17-lavrov-phone-calls a cf:PhoneCall ; cf:participant person:sergey-lavrov ,
            person:armenia-foreign-minister , person:azerbaijan-foreign-minister .
        person:sergey-lavrov cf:holdsOffice/cf:officeKind concept:foreign-minister ;
            cf:holdsOffice/cf:officeOf actor:russia .
        agreement:2020-10-18-ceasefire cf:mediatedBy person:sergey-lavrov ;
            cf:producedBy event:2020-10-17-lavrov-phone-calls .""",
    "Lavrov urged the countries to abide by the Moscow deal": f"""
        {claim("Statement", "person:sergey-lavrov", "agreement:2020-10-10-moscow-ceasefire",
               "?claim cf:addressee actor:armenia , actor:azerbaijan .")}""",
    "Nagorno-Karabakh lies within Azerbaijan, held by ethnic Armenian forces backed by Armenia": """
        place:nagorno-karabakh cf:locatedIn place:azerbaijan .
        ?control a cf:Control ; cf:relationshipSubject actor:nagorno-karabakh-armed-forces ;
            cf:relationshipObject place:nagorno-karabakh ;
            cf:since [ time:inXSDDateTime ?since ; cf:precision time:unitYear ] .
        FILTER (YEAR(?since) = 1994)
        ?backing a cf:Backing ; cf:relationshipSubject actor:armenia ;
            cf:relationshipObject actor:nagorno-karabakh-armed-forces .""",
    "a war there ended in 1994": """
        event:nagorno-karabakh-war-ended-1994 a cf:Hostilities ;
            cf:endedAt [ time:inXSDDateTime ?end ; cf:precision time:unitYear ] .
        FILTER (YEAR(?end) = 1994)""",
    "fighting since Sept. 27 with artillery, rockets and drones killed hundreds": f"""
        event:2020-09-27-escalation a cf:Hostilities ; cf:occurredAt {day("2020-09-27")} ;
            cf:weapon weapon:heavy-artillery , weapon:rockets , weapon:drone .
        ?figure a cf:CasualtyReport ; cf:about event:2020-09-27-escalation ;
            cf:casualtyKind concept:killed ; cf:statedAs "hundreds" ;
            cf:quantityQualifier concept:at-least ; cf:reportedBy actor:2020-10-17-report-newsroom .""",
    "Russia's security pact with Armenia and warm ties with Azerbaijan, a former Soviet republic": """
        ?pact a cf:SecurityPact ; cf:relationshipSubject actor:russia ; cf:relationshipObject actor:armenia .
        ?ties a cf:WarmTies ; cf:relationshipSubject actor:russia ; cf:relationshipObject actor:azerbaijan .
        actor:azerbaijan cf:formerlyPartOf actor:soviet-union .""",
    "photo caption: a site hit by a rocket in Ganja, Azerbaijan": """
        event:2020-10-17-ganja-missile-strike cf:citation [ dcterms:source ?caption ; cf:saidBy ?agency ] .
        ?caption a cf:PhotoCaption ; cf:photoCredit "Bulent Kilic/AFP via Getty Images" .
        place:ganja cf:locatedIn place:azerbaijan .""",
    "Azerbaijan accused Armenia of the Ganja missile strike: 13+ civilians killed, 50 wounded": f"""
        {claim("Accusation", "actor:azerbaijan", "event:2020-10-17-ganja-missile-strike",
               "?claim cf:allegedPerpetrator actor:armenia .")}
        ?killed cf:reportedBy actor:azerbaijan ; cf:about event:2020-10-17-ganja-missile-strike ;
            cf:count 13 ; cf:quantityQualifier concept:at-least ; cf:casualtyKind concept:killed ;
            cf:populationCategory concept:civilian ; cf:asOf {day("2020-10-17")} .
        ?wounded cf:reportedBy actor:azerbaijan ; cf:count 50 ; cf:casualtyKind concept:wounded .""",
    "the Armenian Defence Ministry denied launching the strike": f"""
        {claim("Denial", "actor:armenian-defence-ministry", "event:2020-10-17-ganja-missile-strike",
               "?claim cf:denies claim:2020-10-17-azerbaijan-accuses-armenia-of-ganja-strike .")}""",
    "the separatists listed 'legitimate' targets in Ganja without claiming responsibility": f"""
        {claim("Statement", "actor:nagorno-karabakh-separatist-authorities", "place:ganja",
               '?claim cf:quote "legitimate"@en ; cf:claimsResponsibility false .')}""",
    "Azerbaijani officials: a Soviet-made Scud destroyed or damaged about 20 buildings": """
        ?damage a cf:DamageReport ; cf:reportedBy actor:azerbaijani-government ; cf:count 20 ;
            cf:quantityQualifier concept:about ; cf:about event:2020-10-17-ganja-missile-strike .
        event:2020-10-17-ganja-missile-strike cf:weapon weapon:scud ;
            cf:citation/cf:saidBy actor:azerbaijani-government .""",
    "emergency workers searched the rubble in Ganja": """
        event:2020-10-17-ganja-search-and-rescue a cf:RescueOperation ; cf:place place:ganja .""",
    "Scud missiles: Soviet-made, from the 1960s": """
        weapon:scud cf:madeIn actor:soviet-union ; cf:specialisationOf weapon:ballistic-missile ;
            cf:introducedAt [ time:inXSDDateTime ?t ; cf:precision cf:unitDecade ] .
        FILTER (YEAR(?t) = 1960)""",
    "Aliyev denounced a war crime and warned Armenia's leadership in a televised address": f"""
        {claim("Accusation", "person:ilham-aliyev", "event:2020-10-17-ganja-missile-strike",
               "?claim cf:medium event:2020-10-17-aliyev-televised-address .")}
        ?warning cf:claimant person:ilham-aliyev ; cf:addressee actor:armenian-government ;
            cf:quote ?quote .
        FILTER (STRSTARTS(?quote, "Azerbaijan will give its response"))
        person:ilham-aliyev cf:holdsOffice office:azerbaijan-president .""",
    "both Azerbaijan and Armenia denied targeting civilians": f"""
        {claim("Denial", "actor:azerbaijani-government", "event:2020-shelling-of-residential-areas")}
        ?other a cf:Denial ; cf:claimant actor:armenian-government ;
            cf:about event:2020-shelling-of-residential-areas .""",
    "Stepanakert, the regional capital, shelled overnight: three civilians wounded": """
        event:2020-10-17-stepanakert-shelling a cf:Shelling ; cf:place place:stepanakert ;
            cf:citation/cf:saidBy actor:nagorno-karabakh-separatist-authorities .
        ?figure cf:reportedBy actor:nagorno-karabakh-separatist-authorities ; cf:count 3 ;
            cf:casualtyKind concept:wounded ; cf:about event:2020-10-17-stepanakert-shelling .
        place:stepanakert cf:capitalOf place:nagorno-karabakh .""",
    "photo caption: Yury Melkonyan, 64, in his house shelled by Azerbaijan's artillery in Shosh": """
        person:yury-melkonyan cf:age 64 .
        event:2020-10-17-shosh-shelling cf:place place:shosh ;
            cf:perpetrator actor:azerbaijani-armed-forces ; cf:weapon weapon:artillery ;
            cf:citation [ cf:saidBy actor:associated-press ; dcterms:source/a cf:PhotoCaption ] .
        place:shosh cf:near place:stepanakert ; cf:locatedIn place:nagorno-karabakh .""",
    "Aliyev announced the capture of Fizuli and seven villages, a 'strategic edge'": f"""
        {claim("Announcement", "person:ilham-aliyev", "event:2020-10-17-capture-of-fizuli",
               '?claim cf:allegedPerpetrator actor:azerbaijani-armed-forces ; cf:quote "strategic edge"@en .')}
        event:2020-10-17-capture-of-fizuli cf:target place:fizuli , place:villages-around-fizuli .
        place:villages-around-fizuli cf:memberCount 7 .""",
    "Fizuli: one of seven regions outside Nagorno-Karabakh, seized in the early 1990s": """
        place:seven-regions-outside-nagorno-karabakh cf:memberCount 7 ;
            cf:placeGroupMember place:fizuli-region ; cf:outside place:nagorno-karabakh .
        place:fizuli cf:locatedIn place:fizuli-region .
        event:1990s-seizure-of-fizuli-region cf:target place:fizuli-region ;
            cf:perpetrator actor:armenian-armed-forces ;
            cf:occurredAt/cf:precision cf:unitDecade .""",
    "Azerbaijani authorities: 60 civilians killed, 270 wounded since Sept. 27; no military losses": f"""
        ?killed cf:reportedBy actor:azerbaijani-government ; cf:count 60 ; cf:casualtyKind concept:killed ;
            cf:periodStart {day("2020-09-27")} ; cf:asOf {day("2020-10-17")} .
        ?wounded cf:reportedBy actor:azerbaijani-government ; cf:count 270 ;
            cf:casualtyKind concept:wounded ; cf:periodStart {day("2020-09-27")} .
        ?silence cf:claimant actor:azerbaijani-government ; cf:content ?content .
        FILTER (CONTAINS(?content, "military losses"))""",
    "separatists: more than 600 soldiers and over 30 civilians killed": """
        ?soldiers cf:reportedBy actor:nagorno-karabakh-separatist-authorities ; cf:count 600 ;
            cf:quantityQualifier concept:more-than ; cf:populationCategory concept:military .
        ?civilians cf:reportedBy actor:nagorno-karabakh-separatist-authorities ; cf:count 30 ;
            cf:quantityQualifier concept:more-than ; cf:populationCategory concept:civilian .""",
    "Azerbaijan insists on its right to reclaim its land by force": f"""
        {claim("Statement", "actor:azerbaijan", "event:minsk-group-mediation")}""",
    "the Minsk group (Russia, the US, France) failed after nearly three decades": """
        actor:osce-minsk-group cf:hasMember actor:russia , actor:united-states , actor:france .
        event:minsk-group-mediation cf:mediatedBy actor:osce-minsk-group ; cf:outcome ?outcome .""",
    "Azerbaijan pushed for its ally Turkey to join peace talks": f"""
        {claim("Statement", "actor:azerbaijan", "actor:turkey")}
        ?alliance a cf:Alliance ; cf:relationshipSubject actor:turkey ;
            cf:relationshipObject actor:azerbaijan .""",
    "photo caption: a rescue worker during a search in Ganja": """
        event:2020-10-17-ganja-search-and-rescue cf:citation/dcterms:source
            source:2020-10-17-new-ceasefire-attempt-photo-ganja-rescue .""",
    "Akar congratulated Azerbaijan by phone on 'liberating Fizuli' and downing jets": f"""
        {claim("Statement", "person:hulusi-akar", "event:2020-10-17-capture-of-fizuli",
               '?claim cf:quote "liberating Fizuli from the occupation"@en ; '
               "cf:about event:2020-10-17-su-25-downing ; "
               "cf:medium event:2020-10-17-akar-phone-call .")}
        event:2020-10-17-akar-phone-call cf:participant person:azerbaijan-defence-minister .
        person:hulusi-akar cf:holdsOffice office:turkey-defence-minister .""",
    "the Azerbaijani military's Su-25 claim, dismissed by Armenia's Defence Ministry": f"""
        {claim("Announcement", "actor:azerbaijani-armed-forces", "event:2020-10-17-su-25-downing",
               "?claim cf:allegedPerpetrator actor:azerbaijani-armed-forces .")}
        ?dismissal a cf:Dismissal ; cf:claimant actor:armenian-defence-ministry ; cf:denies ?claim .
        event:2020-10-17-su-25-downing cf:target weapon:su-25 .""",
    "the Armenian military's claim of three drones downed over Armenia, denied by Azerbaijan": f"""
        {claim("Announcement", "actor:armenian-armed-forces",
               "event:2020-10-17-drone-downing-over-armenia")}
        ?denial a cf:Denial ; cf:claimant actor:azerbaijan ; cf:denies ?claim .
        event:2020-10-17-drone-downing-over-armenia cf:targetCount 3 ; cf:place place:armenia .""",
    "drones and rocket systems supplied by Turkey; Armenian forces rely on Soviet-era arms": """
        ?supply a cf:Supply ; cf:relationshipSubject actor:turkey ;
            cf:relationshipObject actor:azerbaijani-armed-forces ;
            cf:suppliedItem weapon:turkish-supplied-drones , weapon:turkish-supplied-rocket-systems .
        ?reliance a cf:ArmsReliance ; cf:relationshipSubject actor:armenian-armed-forces ;
            cf:suppliedItem weapon:soviet-era-weapons .""",
}


def ask(dataset, pattern: str) -> bool:
    return bool(dataset.query(sparql_prologue() + f"ASK {{ {pattern} }}").askAnswer)


@pytest.mark.parametrize("statement", sorted(STATEMENTS))
def test_statement_is_in_the_graph(built, statement):
    assert ask(built.dataset, STATEMENTS[statement]), statement


@pytest.mark.parametrize("event", [
    "event:2020-10-17-ganja-missile-strike",
    "event:2020-10-10-moscow-ceasefire-breach",
    "event:2020-10-17-su-25-downing",
    "event:2020-10-17-drone-downing-over-armenia",
    "event:2020-10-17-capture-of-fizuli",
])
def test_claimed_perpetrators_are_never_facts(built, event):
    assert not ask(built.dataset, f"{event} cf:perpetrator ?anyone")
    assert ask(built.dataset, f"?claim cf:about {event} ; cf:allegedPerpetrator ?someone")


def test_contested_items_are_marked(built):
    rows = built.dataset.query(sparql_prologue() + "SELECT ?item { ?item cf:contested true }")
    contested = {str(row.item).removeprefix(ID) for row in rows}
    assert contested == {
        "event/2020-10-17-ganja-missile-strike",
        "event/2020-10-10-moscow-ceasefire-breach",
        "event/2020-10-17-su-25-downing",
        "event/2020-10-17-drone-downing-over-armenia",
        "claim/2020-10-17-azerbaijan-accuses-armenia-of-ganja-strike",
        "claim/2020-10-17-azerbaijan-military-claims-su-25-downing",
        "claim/2020-10-17-armenian-military-claims-drone-downing",
    }


def test_every_fact_cites_this_source_and_a_speaker(built):
    uncited = built.dataset.query(sparql_prologue() + f"""
        SELECT ?fact {{
          ?fact a cf:Fact .
          FILTER NOT EXISTS {{
            ?fact cf:citation [ dcterms:source ?doc ; cf:quotation ?q ; cf:saidBy ?who ] .
            ?doc dcterms:isPartOf? {SOURCE} .
          }}
        }}""")
    assert list(uncited) == []


def test_entity_iris_are_readable(built):
    pattern = re.compile(re.escape(ID) + r"[a-z]+/[a-z0-9][a-z0-9-]*")
    source = built.dataset.graph(URIRef(SOURCE_GRAPH_PREFIX + "2020-10-17-new-ceasefire-attempt"))
    iris = {str(t) for triple in source for t in triple if str(t).startswith(ID)}
    assert len(iris) > 80
    assert [iri for iri in iris if not pattern.fullmatch(iri)] == []


def test_quotations_are_short(built):
    rows = built.dataset.query(sparql_prologue() + "SELECT ?q { ?c cf:quotation ?q }")
    lengths = [len(str(row.q)) for row in rows]
    assert lengths and max(lengths) <= 160


def test_claims_are_cited_as_reported_by_the_report(built):
    """The claimant says the claim; the report is who says that the claim was made."""
    misattributed = built.dataset.query(sparql_prologue() + f"""
        SELECT ?claim ?who {{
          ?claim a cf:Claim ; cf:citation/cf:saidBy ?who .
          {SOURCE} dcterms:creator ?author .
          FILTER (?who != ?author)
        }}""")
    assert list(misattributed) == []
