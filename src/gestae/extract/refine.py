"""Sharpening a lexicon entry with its context: weapon, target and partners decide mode, CAMEO and ACLED type.

The lexicon says what a word usually signals ("strike": ASSAULT, 190). The words around it say more:
"warplanes carried out a strike" is an air strike (195, Air/drone strike); "workers went on strike" is a
protest (143). Each rule here is one such reading; `refine` applies them in order.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from gestae.extract.lexicon import TriggerEntry

AERIAL = {"warplane", "jet", "aircraft", "airstrike", "air", "drone", "helicopter", "bomber", "airplane", "plane", "aerial", "airforce", "uav", "gunship"}
HEAVY = {"artillery", "shell", "shelling", "rocket", "missile", "mortar", "tank", "howitzer", "cannon", "barrage"}
EXPLOSIVE = {"bomb", "ied", "explosive", "landmine", "mine", "roadside", "car", "device", "bomber"}
SUICIDE = {"suicide"}
GRENADE = {"grenade"}
CHEMICAL = {"chemical", "gas", "sarin", "chlorine", "toxic", "nerve"}
FIREARMS = {"gunman", "gunmen", "gun", "rifle", "sniper", "bullet", "shoot", "gunfire", "firearm", "pistol"}
TERRITORY = {"town", "city", "village", "territory", "area", "control", "district", "region", "base", "airport", "province", "hill", "neighbourhood", "neighborhood", "stronghold", "border", "crossing", "land", "ground", "position", "outpost", "checkpoint", "port", "oilfield", "field", "capital"}
WEAPON_GOODS = {"weapon", "arm", "ammunition", "explosive", "munition", "cache", "rifle", "gun", "bomb", "device", "ied",
                "mine", "stash", "projectile", "rocket", "grenade", "missile", "detonator"}
CIVILIAN_WORDS = {"university", "college", "classroom", "bar", "restaurant", "hotel", "shop", "store", "cafe", "café", "mall",
                  "wedding", "funeral", "clinic", "congregation", "worshiper", "villager", "motorist", "driver", "trader",
                  "vendor", "nightclub", "stadium", "parishioner", "patient", "tourist", "businessman", "businessmen", "civilian", "villager", "people", "resident", "worshipper", "student", "child", "woman", "man", "family", "farmer", "passenger", "pilgrim", "journalist", "teacher", "doctor", "worker", "shopper", "refugee", "person", "citizen", "school", "hospital", "market", "mosque", "church", "home", "house", "bus", "trolleybus", "camp"}
PROTESTER_WORDS = {"protester", "demonstrator", "protestor", "marcher", "rally", "protest", "crowd", "demonstration"}
RIOTER_WORDS = {"rioter", "mob", "youth", "stone", "stone-pelter", "pelt"}
CLASH_WORDS = {"clash", "fight", "fighting", "skirmish", "battle", "scuffle"}
# Weapon words that name how an attack was made wherever they stand in its sentence.
WEAPON_CUES = AERIAL | HEAVY | EXPLOSIVE | SUICIDE | GRENADE | CHEMICAL - {"air", "car", "device", "gas", "plane", "mine", "tank"}
LABOUR_WORDS = {"worker", "union", "employee", "labour", "labor", "teacher", "nurse", "doctor", "driver", "miner", "general", "go", "staff"}
VIOLENT_PROTEST = {"violent", "riot", "rioter", "molotov", "stone", "pelt", "torch", "vandalize", "vandalise", "loot", "smash",
                   "barricade", "rampage", "arson", "clash", "hurl", "throw"}
POLICE_WORDS = {"police", "policeman", "officer", "riot", "security", "troops", "soldier", "army", "gendarme", "force"}
INTERVENTION = {"disperse", "tear", "arrest", "detain", "cannon", "baton", "break", "block", "cordon", "stop", "prevent"}
LETHAL_FORCE = {"kill", "shoot", "shot", "dead", "injure", "wound", "beat", "live", "bullet"}
WITHDRAWN_HELP = {"peacekeeper", "peacekeeping", "inspector", "observer", "monitor", "ambassador", "diplomat", "envoy",
                  "aid", "staff", "mission", "worker", "volunteer", "consul", "embassy"}
JOINT_WORDS = {"joint", "jointly", "combined", "coordinated", "bilateral", "trilateral"}
ARMED_SECTORS = {"MIL", "REB", "INS", "COP", "SPY", "CRM", "PMC", "MIL-REB"}
STATE_SECTORS = {"GOV", "MIL", "COP", "SPY", "JUD", "LEG"}


@dataclass(frozen=True)
class Coding:
    plover: str | None
    mode: str | None
    cameo: str | None
    acled_sub: str | None
    context: str | None
    rule: str = "lexicon"


@dataclass(frozen=True)
class Context:
    """What the surroundings of a trigger tell: lemmas of its modifiers, instrument, actor and target phrases."""

    modifiers: frozenset[str]
    actor_words: frozenset[str]
    target_words: frozenset[str]
    actor_sector: str | None
    target_sector: str | None
    has_partner: bool
    trigger_lemma: str
    sentence_weapons: frozenset[str] = frozenset()
    sentence_lemmas: frozenset[str] = frozenset()


def _with(c: Coding, rule: str, **changes) -> Coding:
    return replace(c, rule=rule, **changes)


def refine(entry: TriggerEntry, ctx: Context) -> Coding:
    coding = Coding(entry.plover, entry.mode, entry.cameo, entry.acled_sub, entry.context)
    around = ctx.modifiers | ctx.actor_words
    if ctx.trigger_lemma == "strike" and ctx.modifiers & LABOUR_WORDS | (ctx.actor_words & LABOUR_WORDS):
        return _with(coding, "labour strike", plover="PROTEST", mode="strike", cameo="143", acled_sub="Peaceful protest", context="economic")
    if coding.plover in ("REQUEST", "ACCUSE", "REJECT") and ctx.actor_words & PROTESTER_WORDS:
        # What a crowd demands it demands by demonstrating: the protest is the event.
        return _with(coding, "demands of protesters", plover="PROTEST", mode="demonstrate", cameo="141",
                     acled_sub="Peaceful protest", context="political_institutions")
    if coding.plover == "ASSAULT" and ctx.trigger_lemma in CLASH_WORDS and (around | ctx.target_words) & (PROTESTER_WORDS | RIOTER_WORDS):
        return _with(coding, "clash with protesters", plover="PROTEST", mode="riot", cameo="145", acled_sub="Violent demonstration",
                     context="political_institutions")
    if coding.plover == "ASSAULT":
        return _refine_assault(coding, ctx, around | ctx.sentence_weapons)
    if coding.plover == "RETREAT" and coding.mode == "withdraw" and ctx.target_words & WITHDRAWN_HELP:
        # Pulling out peacekeepers, inspectors or envoys cuts help or ties: CAMEO 166, not a military retreat.
        return _with(coding, "withdrawal of help", plover="SANCTION", mode="withdraw", cameo="166", acled_sub=None,
                     context="diplomatic")
    if coding.plover == "MOBILIZE" and (ctx.modifiers & JOINT_WORDS or ctx.has_partner):
        return _with(coding, "joint military activity", plover="COOPERATE", mode="military", cameo="062", acled_sub=None)
    if coding.plover == "COERCE" and coding.mode in ("seize", "occupy"):
        return _refine_seizure(coding, ctx)
    if coding.plover == "COERCE" and coding.mode == "repress" and ctx.target_words & PROTESTER_WORDS:
        return _with(coding, "force against protest", acled_sub="Protest with intervention")
    if coding.plover == "PROTEST" and coding.mode != "riot":
        return _refine_protest(coding, ctx)
    return coding


def _refine_protest(coding: Coding, ctx: Context) -> Coding:
    """What happened at a protest: violence by protesters, force by police, or intervention."""
    words = ctx.sentence_lemmas | ctx.modifiers
    if words & POLICE_WORDS and words & LETHAL_FORCE:
        return _with(coding, "force against protesters", acled_sub="Excessive force against protesters")
    if words & VIOLENT_PROTEST:
        return _with(coding, "violent protest", mode="riot", cameo="145", acled_sub="Violent demonstration")
    if words & POLICE_WORDS and words & INTERVENTION:
        return _with(coding, "protest met by police", acled_sub="Protest with intervention")
    return coding


def _refine_assault(coding: Coding, ctx: Context, around: frozenset[str]) -> Coding:
    if coding.mode in ("abduction", "sexual-violence", "assassination", "suicide-bombing", "wmd"):
        return coding
    if around & CHEMICAL and (around & {"attack", "strike", "gas", "weapon"} or coding.cameo == "190"):
        return _with(coding, "chemical weapon", mode="wmd", cameo="204", acled_sub="Chemical weapon")
    if around & SUICIDE:
        return _with(coding, "suicide bombing", mode="suicide-bombing", cameo="183", acled_sub="Suicide bomb")
    if around & AERIAL:
        return _with(coding, "aerial weapons", mode="aerial", cameo="195", acled_sub="Air/drone strike")
    if around & HEAVY:
        return _with(coding, "heavy weapons", mode="heavy-weapons", cameo="194", acled_sub="Shelling/artillery/missile attack")
    if around & GRENADE:
        return _with(coding, "grenade", mode="explosives", cameo="183", acled_sub="Grenade")
    if around & EXPLOSIVE and coding.mode != "firearms":
        return _with(coding, "explosives", mode="explosives", cameo="183", acled_sub="Remote explosive/landmine/IED")
    if ctx.target_words & PROTESTER_WORDS and ctx.actor_sector in STATE_SECTORS | {"COP"}:
        return _with(coding, "force against protesters", acled_sub="Excessive force against protesters")
    if coding.acled_sub in ("Armed clash", "Attack") and coding.mode not in ("explosives", "heavy-weapons", "aerial"):
        target_armed = ctx.target_sector in ARMED_SECTORS
        target_civilian = ctx.target_sector == "CVL" or bool(ctx.target_words & CIVILIAN_WORDS)
        if target_civilian and not target_armed:
            return _with(coding, "violence against civilians", acled_sub="Attack")
        if ctx.actor_sector in ("UAF", "CRM") and not target_armed and ctx.trigger_lemma not in CLASH_WORDS:
            return _with(coding, "gunmen on unarmed targets", acled_sub="Attack")
        if target_armed or ctx.trigger_lemma in CLASH_WORDS:
            return _with(coding, "armed actors on both sides", acled_sub="Armed clash")
    if around & FIREARMS and coding.cameo == "190":
        return _with(coding, "firearms", mode="firearms", cameo="193")
    return coding


def _refine_seizure(coding: Coding, ctx: Context) -> Coding:
    state_actor = ctx.actor_sector in STATE_SECTORS
    if ctx.target_words & TERRITORY:
        if ctx.actor_sector is None:  # unknown actor: the verb says it ('recaptured' is the state's word)
            return _with(coding, "territory taken", mode="occupy", cameo="192")
        sub = "Government regains territory" if state_actor else "Non-state actor overtakes territory"
        return _with(coding, "territory taken", mode="occupy", cameo="192", acled_sub=sub)
    if ctx.target_words & WEAPON_GOODS and ctx.actor_sector not in ("REB", "CRM", "UAF"):
        return _with(coding, "weapons seized", mode="seize", cameo="1711", acled_sub="Disrupted weapons use")
    if ctx.target_sector is not None or ctx.target_words & CIVILIAN_WORDS:
        if state_actor:
            return _with(coding, "people captured by the state", plover="COERCE", mode="arrest", cameo="173", acled_sub="Arrests")
        return _with(coding, "people captured", plover="ASSAULT", mode="abduction", cameo="181", acled_sub="Abduction/forced disappearance")
    return coding
