"""Step 5: plan supplements for the shortfall, as the source articles advise.

The dose is the shortfall, capped so that all supplements (those already taken and the one
suggested) stay within the upper limit for supplemental magnesium. Forms are ranked for the
person's goal as the articles rank them; topical forms are listed apart, as relief, and never
count as intake.
"""

from collections.abc import Iterable
from typing import TYPE_CHECKING, NamedTuple

from magcalc import own, store
from magcalc.errors import InputError
from magcalc.names import supplement_key
from magcalc.parse import MAX_SUPPLEMENT_MG, SupplementSpec
from magcalc.reference import Dri, Person

if TYPE_CHECKING:
    from magcalc.results import FormInfo, SupplementOption, SupplementTaken, TopicalOption
else:  # a TypedDict is a dict at run time; results.py is for type checkers and the schema
    FormInfo = SupplementOption = SupplementTaken = TopicalOption = dict


def forms_table() -> dict:
    """data/forms.yaml: articles, supplement forms, goal rankings and advice."""
    return store.table("forms")


class UnknownStrength(InputError):
    """A count of tablets or capsules whose magnesium is known neither from the text nor from
    the user's products."""


class Taken(NamedTuple):
    taken: SupplementTaken
    notes: list[str]  # what magcalc read into the text


def taken(spec: SupplementSpec, mine: own.Own = own.NONE) -> Taken:
    """Elemental magnesium in a supplement someone takes: a form and its mg, or a count of a
    product of the user's (products.csv); InputError for what is unknown or ambiguous."""
    product = mine.products.get(spec.form)
    if product is not None:
        return _product(spec, product)
    if spec.mg is None:  # "oxide:2 tablets" names no product: how much is in a tablet?
        where = mine.products_path or "products.csv"
        raise UnknownStrength(
            f"{spec.text!r}: magcalc does not know how much magnesium one {spec.unit} holds; "
            f"write the label's strength ('{spec.form} 250 mg:{spec.count or 1:g} {spec.unit}' "
            f"or '{spec.form}:250 mg') or add the product to {where} (name,form,mg,per)"
        )  # fmt: skip
    form, notes = _form(spec)
    return Taken(_counted(spec, form, spec.mg, spec.salt, None), notes)


def _form(spec: SupplementSpec) -> tuple[dict | None, list[str]]:
    """The form a name means: a form's name, one form named among other words (a brand's),
    or "other"; and a note when words were left aside."""
    notes = [spec.note] if spec.note else []
    if spec.form == "other":
        return None, notes
    form = store.form(spec.form)
    if form is not None:
        return form, notes
    named = [f for f in store.forms_named(spec.form) if f["route"] == "oral"]
    if len(named) == 1:
        notes.append(f"{spec.text!r}: read as magnesium {named[0]['form']}")
        return named[0], notes
    if len(named) > 1:
        both = ", ".join(f["form"] for f in named)
        raise InputError(f"{spec.text!r} names more than one form ({both}); for a blend write "
                         f"'other:{spec.mg or 0:g} mg'")  # fmt: skip
    names = ", ".join(f["form"] for f in forms_table()["forms"] if f["route"] == "oral")
    raise InputError(
        f"{spec.text!r}: unknown form {spec.form!r}; use one of {names}, 'other' for a blend "
        "(elemental mg as the label states), or a product of your products file"
    )


def _product(spec: SupplementSpec, product: own.Product) -> Taken:
    """A product of the user's, counted in its units ("2 tablets") or given in mg."""
    form = None if product.form == "other" else store.form(product.form)
    if form is None and product.form != "other":
        raise InputError(
            f"unknown form {product.form!r} of the product {product.name!r}; use "
            "a form of 'magcalc forms' or 'other'",
            "--products",
            product.where,
        )
    if spec.mg is not None:
        return Taken(_counted(spec, form, spec.mg, spec.salt, product.name), [])
    if spec.unit not in (product.unit, "serving"):
        raise InputError(
            f"{spec.text!r}: {product.name} is counted in {product.unit}s "
            f"(its label: {product.mg:g} mg per {product.per:g} {product.unit})"
        )
    units_taken = spec.count * product.per if spec.unit == "serving" else spec.count
    mg = product.mg * units_taken / product.per
    if mg > MAX_SUPPLEMENT_MG:  # the cap of a supplement given in mg
        raise InputError(f"{spec.text!r} is {mg / 1000:,.0f} g of magnesium; more than "
                         f"{MAX_SUPPLEMENT_MG / 1000:g} g a day: check the amount")  # fmt: skip
    return Taken(_counted(spec, form, mg, False, product.name), [])


def _counted(
    spec: SupplementSpec, form: dict | None, mg: float, salt: bool, product: str | None
) -> SupplementTaken:
    """The supplement as counted: elemental mg and the salt's weight, where the form is known."""
    if form is not None and form["route"] == "topical":
        raise InputError(f"{spec.text!r}: {form['form']} is used on the skin and not counted")
    if form is None:
        if salt:
            raise InputError(f"{spec.text!r}: give elemental mg for 'other': its salt is unknown")
        elemental, compound = mg, None
    else:
        fraction = form["elemental_mg_percent"] / 100
        elemental, compound = (mg * fraction, mg) if salt else (mg, mg / fraction)
    return SupplementTaken(query=spec.text, form=form["form"] if form else "other",
                           elemental_mg=elemental, compound_mg=compound, product=product,
                           date=spec.date)  # fmt: skip


def compound_mg(elemental_mg: float, elemental_percent: float) -> float:
    """Weight of the salt that carries `elemental_mg` of magnesium."""
    return elemental_mg * 100 / elemental_percent


def supplement_dose(dri: Dri, shortfall_mg: float, already_mg: float = 0.0) -> float:
    """Elemental mg to add: the shortfall, capped so all supplements stay within the UL."""
    if dri.ul_supplemental_mg is None:
        return shortfall_mg  # the caller decides: none for infants, uncapped for D-A-CH
    return max(0.0, min(shortfall_mg, dri.ul_supplemental_mg - already_mg))


def _sources(table: dict, ids: list[str]) -> list[str]:
    arts = table["articles"]
    return [f"{arts[i]['title']} ({arts[i]['file']})" for i in dict.fromkeys(ids)]


def _quote(table: dict, quote: str, source: str) -> str:
    return f"“{quote}” ({table['articles'][source]['title']})"


class Plan(NamedTuple):
    dose_mg: float
    supplements: list[SupplementOption]  # ranked oral forms, each at the dose
    topical: list[TopicalOption]
    advice: list[str]
    warnings: list[str]
    gap_mg: float  # the gap the plan closes: without the forms it replaces
    replaces: list[str]  # forms taken that the articles advise against, which the dose replaces


def poorly_absorbed(form: str) -> bool:
    """Is this a form the articles advise against for raising magnesium (oxide)?"""
    f = store.form(form)
    return bool(f and f.get("advise_against"))


def plan(
    dri: Dri, person: Person, *, goal: str, food_mg: float, already: float,
    taken_forms: Iterable[str] = (), withhold: str | None = None, spacing: Iterable[str] = (),
    poorly_mg: float = 0.0,
) -> Plan:  # fmt: skip
    """The plan for what is still short after food and the supplements already taken a day
    (`already`, mg; `taken_forms`, the forms of those; `poorly_mg` of it in forms the
    articles advise against). Where those forms fill some of the gap, the plan closes the gap
    without them: it answers which form to take in their place. `withhold` says why no dose
    may be suggested (kidney disease); `spacing`, the timing medicines ask for beside the
    dose's."""
    table = forms_table()
    if goal not in table["goals"]:
        raise InputError(f"unknown goal {goal!r}", "--goal")
    goal_info = table["goals"][goal]
    gap = dri.shortfall(food_mg + already)
    replaces: list[str] = []
    others = already
    if withhold is None and poorly_mg > 0 and dri.shortfall(food_mg + already - poorly_mg) > gap:
        replaces = sorted({f for f in taken_forms if poorly_absorbed(f)})
        others = already - poorly_mg
        gap = dri.shortfall(food_mg + others)
    if withhold is not None:
        dose, advice = 0.0, [f"No supplement dose is suggested {withhold}."]
        warnings = [f"supplements already taken ({already:g} mg a day): {withhold}"
                    ] if already else []  # fmt: skip
    else:
        dose, advice, warnings = _dose(dri, gap, others, already)
    warnings += _advised_against(table, goal_info, taken_forms)
    options = _options(table, goal_info, dose)
    if options or (withhold is not None and gap > 0):  # food first, with or without a dose
        advice.insert(0, _quote(table, **table["advice"]["food_first"]))
    if options and replaces:
        said = " and ".join(replaces)
        advice.append(f"In place of the {said} ({poorly_mg:.0f} mg a day, poorly absorbed): "
                      f"{dose:.0f} mg of magnesium a day as {options[0]['form']} would close "
                      "the gap without it.")  # fmt: skip
    if options:
        advice.append(
            f"For {goal_info['help']}: {options[0]['form']} first, as "
            + _quote(table, goal_info["quote"], goal_info["source"])
        )
    if (dose > 0 or already) and withhold is None and goal_info.get("timing"):
        advice.append(_quote(table, goal_info["timing"], goal_info["timing_source"]))
    if dose > 0 or already:  # beside the dose's timing: what medicines ask for
        advice += spacing
    if person.condition != "none" or goal == "pregnancy":
        advice.append(_quote(table, **table["advice"]["pregnancy"]))
    if dose > 0 or already:
        advice.append(_quote(table, **table["advice"]["doctor"]))
    topical: list[TopicalOption] = []
    if person.age_months >= 12 and withhold is not None:  # none for infants; none here
        bath = next(f for f in table["forms"] if f["route"] == "topical" and "epsom" in f["names"])
        title = table["articles"][bath["says"][0]["source"]]["title"]
        advice.append(
            "No magnesium spray or Epsom-salt bath is suggested with kidney disease: in the "
            f"bath “the magnesium sulfate is absorbed through the skin” ({title}), and kidneys "
            "that cannot remove magnesium let it build up."
        )
    elif person.age_months >= 12:
        topical = [
            TopicalOption(form=f["form"], route="topical", salt=f["salt"], why=f["why"],
                          sources=_sources(table, [q["source"] for q in f["says"]]))
            for f in table["forms"]
            if f["route"] == "topical"
        ]  # fmt: skip
    return Plan(dose, options, topical, advice, warnings, gap, replaces)


def _dose(
    dri: Dri, gap: float, already: float, taken: float | None = None
) -> tuple[float, list[str], list[str]]:
    """The dose for a gap within the standard's upper level, with what to advise and warn of
    it. Where the standard sets a level for other ages but none for this one (infants,
    children of some standards), no supplement is suggested; where it sets none at all
    (D-A-CH), the dose is not capped, and magcalc says so. `already` is what the dose adds to;
    `taken`, all that is taken (the same unless the dose replaces a form)."""
    taken = already if taken is None else taken
    ul = dri.ul_supplemental_mg
    infant = dri.age_to_months is not None and dri.age_to_months <= 12
    if ul is None and (infant or dri.ul_anywhere):
        who = "infants" if infant else f"ages {dri.life_stage}"
        ask = "a paediatrician" if dri.age_from_months < 216 else "a doctor"
        warnings = [
            f"supplements for {who} ({taken:g} mg): no safe upper level is established "
            f"for this age by the {dri.standard.upper()} reference; ask {ask}"
        ] if taken else []  # fmt: skip
        return (
            0.0,
            [
                f"No supplement is suggested: no upper level for supplemental magnesium is "
                f"established for {who} ({dri.standard.upper()}). Ask {ask}."
            ],
            warnings,
        )
    if ul is None:
        return (
            gap,
            [
                f"The {dri.standard.upper()} reference sets no upper level for supplemental "
                "magnesium, so the dose is not capped by one; the US and EU set 350 and 250 mg a "
                "day for adults ('magcalc standards')."
            ],
            [],
        )
    dose = supplement_dose(dri, gap, already)
    advice: list[str] = []
    warnings = []
    if taken > ul:
        warnings.append(
            f"supplements already taken ({taken:g} mg) exceed the upper limit for "
            f"supplemental magnesium ({ul} mg/day, {dri.life_stage}): more risks diarrhoea, "
            "nausea and cramping"
        )
    if dose < gap:
        why = (
            f"for ages {dri.life_stage} the upper limit for supplements ({ul} mg) is below "
            f"the {dri.target_kind} ({dri.target_mg} mg); it counts supplements only"
            if ul < dri.target_mg
            else f"the upper limit for supplemental magnesium is {ul} mg/day"
        )
        advice.append(
            f"The supplement is capped at {dose:g} mg: {why}. Food must close the remaining "
            f"{gap - dose:.0f} mg."
        )
    return dose, advice, warnings


def _advised_against(table: dict, goal_info: dict, taken_forms: Iterable[str]) -> list[str]:
    """A warning for each form taken that the articles advise against (oxide)."""
    by_name = {f["form"]: f for f in table["forms"]}
    out = []
    for form in sorted(set(taken_forms)):
        f = by_name.get(form)
        if f is not None and f.get("advise_against"):
            out.append(
                f"{form} is taken: {f['why']}: " + _quote(table, **_first_said(f, "absorption"))
                + f"; for {goal_info['help']} the articles put {goal_info['order'][0]} first"
            )  # fmt: skip
    return out


def _options(table: dict, goal_info: dict, dose: float) -> list[SupplementOption]:
    """The oral forms at the dose, in the order the articles rank them for the goal."""
    if dose <= 0:
        return []
    by_name = {f["form"]: f for f in table["forms"]}
    return [
        SupplementOption(
            form=name, route="oral", elemental_mg_percent=f["elemental_mg_percent"],
            elemental_mg=dose, compound_mg=compound_mg(dose, f["elemental_mg_percent"]),
            why=f["why"], sources=_sources(table, [q["source"] for q in f["says"]]),
        )
        for name in goal_info["order"]
        for f in (by_name[name],)
    ]  # fmt: skip


def _first_said(form: dict, topic: str) -> dict:
    said = next(q for q in form["says"] if q["topic"] == topic)
    return {"quote": said["quote"], "source": said["source"]}


def forms_overview(goal: str | None = None) -> list[FormInfo]:
    """Every form with its magnesium fraction, route and what the articles say of it.

    With a goal, oral forms come in the order the articles rank them for it.
    """
    table = forms_table()
    forms = table["forms"]
    if goal is not None:
        order = {name: i for i, name in enumerate(table["goals"][goal]["order"])}
        forms = sorted(forms, key=lambda f: (f["route"] != "oral", order.get(f["form"], 0)))
    arts = table["articles"]
    return [
        FormInfo(
            form=f["form"], route=f["route"], elemental_mg_percent=f["elemental_mg_percent"],
            salt=f["salt"], why=f["why"],
            says=[{"topic": q["topic"], "quote": q["quote"],
                   "source": arts[q["source"]]["title"]} for q in f["says"]],
        )
        for f in forms
    ]  # fmt: skip


def complete(typed: str, mine: own.Own = own.NONE) -> list[str]:
    """What `--supplement` may go on to say, for TAB completion: forms and the user's
    products that start with what was typed, or after 'NAME:' the amounts it is given in."""
    name, sep, amount = typed.rpartition(":")
    if sep:
        product = mine.products.get(supplement_key(name))
        if product is not None:
            said = [f"1 {product.unit}", f"2 {product.unit}s", "1 serving"]
        else:
            said = ["100 mg", "200 mg", "300 mg", "1000 mg salt"]
        return [f"{name}:{a}" for a in said if a.startswith(amount.strip().lower())]
    names = [product.name for product in mine.products.values()]
    names += [f["form"] for f in forms_table()["forms"] if f["route"] == "oral"] + ["other"]
    return [n for n in names if n.lower().startswith(typed.lower())]
