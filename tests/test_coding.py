"""The whole path on articles we wrote: coded, grounded, folded, with modality."""

from __future__ import annotations

import pytest

from gestae.geodesy import distance_km


def asserted(result, event_type=None):
    return [e for e in result.events if e.modality.value == "asserted" and (event_type is None or e.event_type == event_type)]


def near(event, lat, lon, max_km=40):
    return event.location is not None and event.location.lat is not None and distance_km(event.location.lat, event.location.lon, lat, lon) <= max_km


@pytest.fixture(scope="module")
def kharkiv(code_example):
    return code_example("kharkiv_shelling")


@pytest.fixture(scope="module")
def sahel(code_example):
    return code_example("sahel_ambush")


@pytest.fixture(scope="module")
def nairobi(code_example):
    return code_example("nairobi_protest")


@pytest.fixture(scope="module")
def sudan(code_example):
    return code_example("sudan_truce")


class TestKharkivShelling:
    def test_shelling_is_one_russian_event_in_kharkiv_on_thursday(self, kharkiv):
        shelling = [e for e in asserted(kharkiv, "ASSAULT") if e.actor and e.actor.country == "RUS"]
        assert len(shelling) == 1
        event = shelling[0]
        assert event.cameo == "194" and event.acled_sub_event_type == "Shelling/artillery/missile attack"
        assert event.actor.sector == "MIL"
        assert near(event, 49.99, 36.23), event.location
        assert (event.date.value, event.date.precision.value) == ("2024-05-16", "day")
        assert (event.fatalities, event.injured) == (4, 19)
        assert len(event.mentions) == 2, "the second paragraph's 'The shelling' is the same event"

    def test_ukrainian_strike_is_located_near_belgorod_not_kharkiv(self, kharkiv):
        strikes = [e for e in asserted(kharkiv, "ASSAULT") if e.actor and e.actor.country == "UKR"]
        assert len(strikes) == 1
        assert strikes[0].actor.sector == "MIL"
        assert strikes[0].recipient is not None and strikes[0].recipient.country == "RUS"
        assert near(strikes[0], 50.6, 36.6, max_km=60), strikes[0].location

    def test_planned_evacuation_and_denied_targeting_are_not_facts(self, kharkiv):
        evacuation = [e for e in kharkiv.events if e.trigger.lemma == "evacuate"]
        assert [e.modality.value for e in evacuation] == ["planned"]
        assert evacuation[0].actor is not None and evacuation[0].actor.country == "UKR"
        targeting = [e for e in kharkiv.events if e.trigger.lemma == "target"]
        assert [e.modality.value for e in targeting] == ["negated"]


class TestSahelAmbush:
    def test_ambush_on_malian_army_near_gao(self, sahel):
        ambushes = asserted(sahel, "ASSAULT")
        assert len(ambushes) == 1, [e.trigger.text for e in ambushes]
        event = ambushes[0]
        assert event.recipient is not None and (event.recipient.country, event.recipient.sector) == ("MLI", "MIL")
        assert event.acled_sub_event_type == "Armed clash"
        assert near(event, 16.27, -0.04, max_km=60), event.location
        assert event.date.value == "2023-09-05"
        assert event.fatalities == 12
        assert event.claim_of_responsibility, "JNIM's claim is told in a later mention of the same ambush"

    def test_operation_that_would_be_launched_is_hypothetical(self, sahel):
        operations = [e for e in sahel.events if e.trigger.lemma == "operation"]
        assert operations and all(e.modality.value == "hypothetical" for e in operations)

    def test_arrests_in_timbuktu_dated_to_the_month(self, sahel):
        arrests = asserted(sahel, "COERCE")
        assert len(arrests) == 1
        assert arrests[0].acled_sub_event_type == "Arrests"
        assert (arrests[0].date.value, arrests[0].date.precision.value) == ("2023-08", "month")
        assert near(arrests[0], 16.77, -3.0)


class TestNairobiProtest:
    def test_protest_and_police_response(self, nairobi):
        protests = asserted(nairobi, "PROTEST")
        assert protests and near(protests[0], -1.29, 36.82)
        assert protests[0].date.value == "2024-06-25"
        killings = [e for e in asserted(nairobi, "ASSAULT") if e.actor and e.actor.sector == "COP"]
        assert killings and killings[0].acled_sub_event_type == "Excessive force against protesters"
        assert killings[0].fatalities == 5
        assert killings[0].actor.country == "KEN"

    def test_withdrawal_promised_and_march_called_for_are_not_facts(self, nairobi):
        later = [e for e in nairobi.events if e.trigger.lemma in ("withdraw", "march") and e.sentence.index == 2]
        assert later and all(e.modality.value != "asserted" for e in later)


class TestSudanTruce:
    def test_ceasefire_signed_in_jeddah_on_saturday(self, sudan):
        truces = [e for e in asserted(sudan) if e.event_type in ("AGREE", "RETREAT") and e.sentence.index == 0]
        assert truces
        event = truces[0]
        assert event.actor is not None and event.actor.country == "SDN"
        assert near(event, 21.54, 39.17)
        assert event.date.value == "2023-05-20"

    def test_shelling_of_omdurman_despite_the_truce(self, sudan):
        shelling = asserted(sudan, "ASSAULT")
        assert len(shelling) == 1
        assert "Rapid Support Forces" in (shelling[0].actor.name or "")
        assert near(shelling[0], 15.64, 32.48)
        assert shelling[0].date.value == "2023-05-21"

    def test_what_the_un_urged_is_not_reported_as_done(self, sudan):
        urged = [e for e in sudan.events if e.sentence.index == 2 and e.event_type != "REQUEST"]
        assert urged and all(e.modality.value == "hypothetical" for e in urged)
        requests = [e for e in asserted(sudan, "REQUEST")]
        assert requests and requests[0].actor.sector == "IGO"


def test_article_without_date_says_so_and_leaves_relative_dates_unknown(code_example):
    result = code_example("no_date_header")
    assert result.article.date is None
    assert any("publication date unknown" in n for n in result.notes)
    assert result.events
    assert all(e.date.precision.value == "unknown" for e in result.events)


def test_text_without_any_trigger_gets_a_reason(code_text):
    result = code_text("The museum reopened its east wing after a long renovation, the curator said.")
    assert result.events == []
    assert result.notes and "no event" in result.notes[0]


class TestSaidAndIntended:
    """What people say they will do, demand or think is coded as the act of saying it."""

    def test_willingness_is_an_intent_and_the_act_stays_planned(self, code_text):
        result = code_text("Syria says it is willing to withdraw its troops from Lebanon.", "2005-03-05")
        intents = asserted(result, "AGREE")
        assert intents and intents[0].actor.country == "SYR" and intents[0].cameo.startswith("03")
        withdrawals = [e for e in result.events if e.event_type == "RETREAT"]
        assert withdrawals and withdrawals[0].modality.value == "planned"

    def test_reported_must_is_the_speakers_demand(self, code_text):
        result = code_text("The British foreign secretary said Libya must hand over the two suspects.", "1998-08-20")
        demands = asserted(result, "REQUEST")
        assert demands and demands[0].actor.country == "GBR"
        assert demands[0].recipient is not None and demands[0].recipient.country == "LBY"

    def test_seeing_something_as_a_step_is_praise_dated_by_the_saying(self, code_text):
        result = code_text('"We see the reopened border crossings as an important step," Jordan\'s foreign minister said on Monday.',
                           "2021-09-30")
        praise = asserted(result, "SUPPORT")
        assert praise and praise[0].actor.country == "JOR"
        assert praise[0].date.value == "2021-09-27"

    def test_target_behind_an_abstract_object(self, code_text):
        result = code_text("Ankara has been pushing efforts for disarming the PKK.", "2020-01-10")
        requests = asserted(result, "REQUEST")
        assert requests and requests[0].recipient is not None and "Kurdistan" in (requests[0].recipient.name or "")


def test_flood_toll_is_a_disaster_not_an_assault(code_text):
    result = code_text("Flash floods killed 12 people in northern Kerala on Monday.", "2024-07-31")
    assert [e.event_type for e in result.events] == [None]
    assert result.events[0].crisis_type == "natural_disaster"
    assert result.events[0].fatalities == 12


def test_rescue_after_a_flood_is_a_response_to_the_disaster(code_text):
    result = code_text("Soldiers evacuated 300 villagers on Tuesday after flooding swept through the district.", "2024-07-31")
    rescues = asserted(result, "AID")
    assert rescues and rescues[0].crisis_type == "natural_disaster"
    assert rescues[0].date.value == "2024-07-30"
