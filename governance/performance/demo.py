"""Demo performance data: the results framework's KPIs for the organisation, the programmes and
every ICT unit, the catalogue's service levels, six quarters of hand-entered values (some on
target, some not), the values computed from the demo survey and portfolio, and the
implementation plan's progress with its evidence. (Which projects change which services is
portfolio's demo: this app sits below it.)

Everything goes through the services, as OICT and the units' chiefs would, with the clock set
to when each value would have been entered. Values are drawn from a seeded generator, so every
run gives the same; a KPI or value already there is left alone (a second run creates nothing).
"""

import datetime
import random
from decimal import Decimal

from django.urls import reverse

from core import clock
from programmes import services as kpi_services
from programmes.choices import Direction, Frequency, MeasureUnit, OwnerKind, PlanStatus
from programmes.models import Kpi, Measurement, PlanItem, PriorityArea, Programme
from programmes.periods import recent

from ..models import User
from . import services
from .models import Service, ServiceLevel, ServiceLevelKind
from .units import ict_units

SEED = 2008
QUARTERS = 6
#: the strategy's first year (the report, and the first user satisfaction survey)
FIRST_YEAR = 2008

PERCENT = {"measure_unit": MeasureUnit.PERCENT, "minimum": Decimal(0), "maximum": Decimal(100)}

# code, indicator, name, definition, source, params, frequency, target, threshold, extra
ORGANISATION_KPIS = [
    (
        "org-user-satisfaction",
        "user-satisfaction",
        "Users satisfied with ICT overall",
        "Share of survey respondents satisfied or very satisfied with ICT's overall "
        "effectiveness (para 8: 71% in the first survey; the usual target is 80%).",
        "survey.satisfaction",
        {},
        Frequency.YEARLY,
        80,
        70,
        PERCENT,
    ),
    (
        "org-projects-green",
        "projects-green",
        "Projects reporting green",
        "Share of the projects reporting in the quarter whose latest status report is green "
        "on schedule, budget and scope.",
        "portfolio.projects_green",
        {},
        Frequency.QUARTERLY,
        70,
        50,
        PERCENT,
    ),
    (
        "org-reports-on-time",
        "reports-on-time",
        "Status reports on time",
        "Share of the quarter's monthly status reports filed by the end of the following month.",
        "portfolio.reports_on_time",
        {},
        Frequency.QUARTERLY,
        90,
        75,
        PERCENT,
    ),
    (
        "org-budget-execution",
        "budget-execution",
        "Budget execution of funded projects",
        "Spend to date of the approved, delivering and completed projects against their "
        "approved cost.",
        "portfolio.budget_execution",
        {},
        Frequency.QUARTERLY,
        60,
        40,
        PERCENT,
    ),
    (
        "org-ict-staff",
        "ict-staff",
        "ICT staff, all categories",
        "ICT staff of the Secretariat on the year's last day, as in Annex IV (3,783 in "
        "December 2007); consolidation aims to hold it (paras 47, 74).",
        "staffing.headcount",
        {"category": "total"},
        Frequency.YEARLY,
        3800,
        4000,
        {"measure_unit": MeasureUnit.NUMBER, "minimum": Decimal(0), "direction": Direction.LOWER},
    ),
    (
        "org-service-levels-met",
        "service-levels-met",
        "Service levels met",
        "Share of the catalogue's service levels measured in the quarter that met their target.",
        "services.attainment",
        {},
        Frequency.QUARTERLY,
        90,
        75,
        PERCENT,
    ),
    (
        "org-standard-business-cases",
        "standard-business-cases",
        "Proposals with a complete standard business case",
        "Share of the proposals submitted in the quarter that the PMO found complete against "
        "the standard business case template (paras 38, 49(c)).",
        "manual",
        {},
        Frequency.QUARTERLY,
        100,
        90,
        PERCENT,
    ),
]

# programme: (code, indicator, name, definition, target, threshold, extra)
PROGRAMME_KPIS = {
    "infrastructure": (
        "im-network-availability",
        "network-availability",
        "Global network availability",
        "Share of the quarter's hours in which the global network was available at every "
        "duty station.",
        Decimal("99.5"),
        Decimal("99.0"),
        PERCENT,
    ),
    "resource": (
        "rm-erp-milestones",
        "milestones-on-schedule",
        "ERP milestones on schedule",
        "Share of the enterprise resource planning milestones due in the quarter met on time.",
        80,
        60,
        PERCENT,
    ),
    "knowledge": (
        "km-pages-digitized",
        "pages-digitized",
        "Pages digitized (thousands)",
        "Thousands of pages of official documents digitized in the quarter.",
        500,
        350,
        {"measure_unit": MeasureUnit.NUMBER, "minimum": Decimal(0), "maximum": Decimal(100000)},
    ),
}

# indicator, name, definition, target, threshold, extra (para 46: service quality, strategic
# alignment and compliance)
UNIT_KPIS = [
    (
        "incident-resolution",
        "Average time to resolve an incident",
        "Average hours from a user's incident report to its resolution, in the quarter.",
        8,
        16,
        {
            "measure_unit": MeasureUnit.HOURS,
            "minimum": Decimal(0),
            "maximum": Decimal(720),
            "direction": Direction.LOWER,
        },
    ),
    (
        "service-availability",
        "Availability of the unit's services",
        "Share of the quarter's service hours in which the unit's ICT services were available.",
        99,
        97,
        PERCENT,
    ),
    (
        "standards-compliance",
        "Compliance with OICT policies and standards",
        "Share of the OICT compliance checklist met in the quarter's review (para 46).",
        90,
        75,
        PERCENT,
    ),
    (
        "strategic-alignment",
        "ICT spending within the strategic programmes",
        "Share of the unit's ICT spending in the quarter on projects of the three strategic "
        "programmes (para 46: strategic alignment).",
        80,
        60,
        PERCENT,
    ),
]

#: How each unit fares in the demo: offset from the target in "gaps" (target - threshold).
UNIT_PROFILES = {
    "unog": (0.3, 0.05),  # mostly on target
    "unon": (-1.8, 0.25),  # off target, improving
    "unov": (0.4, 0.0),
    "dfs": (-1.3, 0.05),  # off target, hardly moving
    "ictr": (-0.8, -0.05),  # near target, slipping
}
DEFAULT_PROFILE = (-0.4, 0.08)

#: service code -> [(kind, code suffix, name, definition, manual?, frequency, target, threshold,
#: extra)]
AVAILABILITY = (
    ServiceLevelKind.AVAILABILITY,
    "availability",
    "availability",
    "Share of the quarter's service hours in which the service was available.",
    Decimal("99.5"),
    Decimal("99.0"),
    PERCENT,
)
SERVICE_LEVELS = {
    "internet": [AVAILABILITY],
    "email": [AVAILABILITY],
    "remote-access": [AVAILABILITY],
    "telephone": [AVAILABILITY],
    "hosting": [AVAILABILITY],
    "videoconferencing": [AVAILABILITY],
    "service-desk": [
        (
            ServiceLevelKind.RESOLUTION_TIME,
            "resolution",
            "resolution time",
            "Average hours to resolve a request at the global service desk (24/7, para 64).",
            8,
            12,
            {
                "measure_unit": MeasureUnit.HOURS,
                "minimum": Decimal(0),
                "maximum": Decimal(720),
                "direction": Direction.LOWER,
            },
        )
    ],
}

# plan item code -> (status, completed on, note, [(title, url name, args)])
PLAN_PROGRESS = {
    "p49a-executive-committee": (
        PlanStatus.DONE,
        datetime.date(2008, 9, 30),
        "The Executive Committee met for the first time.",
        [("The ICT Executive Committee", "governance:body", ["executive-committee"])],
    ),
    "p49b-steering-committees": (
        PlanStatus.DONE,
        datetime.date(2008, 10, 31),
        "The three steering committees hold regular meetings.",
        [
            ("Knowledge Management Steering Committee", "governance:body", ["km-steering"]),
            ("Resource Management Steering Committee", "governance:body", ["rm-steering"]),
            ("Infrastructure Management Steering Committee", "governance:body", ["im-steering"]),
        ],
    ),
    "t4-governance-bodies": (
        PlanStatus.DONE,
        datetime.date(2008, 11, 15),
        "Terms of reference adopted; inaugural meetings held.",
        [("The governance bodies and their terms of reference", "governance:bodies", [])],
    ),
    "p49c-pmo-business-case": (
        PlanStatus.DONE,
        datetime.date(2008, 12, 1),
        "The PMO reviews every proposal against the standard business case.",
        [("The project pipeline", "portfolio:pipeline", [])],
    ),
    "t4-performance-framework": (
        PlanStatus.DONE,
        datetime.date(2008, 12, 15),
        "KPIs defined for the organisation, the programmes and every ICT unit.",
        [("The KPIs of the results framework", "programmes:kpis", [])],
    ),
    "p49d-asset-inventory": (
        PlanStatus.DONE,
        datetime.date(2008, 12, 20),
        "",
        [("The ICT asset inventory", "portfolio:assets", [])],
    ),
    "p49g-portfolio-inventory": (
        PlanStatus.DONE,
        datetime.date(2008, 12, 22),
        "",
        [("The portfolio overview", "portfolio:overview", [])],
    ),
    "t4-budget-framework": (
        PlanStatus.IN_PROGRESS,
        None,
        "Templates agreed; the 2010-2011 estimate is awaiting the last units' figures.",
        [("The budget consolidation", "budgets:consolidation", [])],
    ),
    "t4-structural-review": (
        PlanStatus.IN_PROGRESS,
        None,
        "Reviews done for headquarters; offices away and missions under way.",
        [],
    ),
    "p70-change-management": (PlanStatus.IN_PROGRESS, None, "", []),
    "p49f-business-cases": (
        PlanStatus.DONE,
        datetime.date(2009, 3, 31),
        "",
        [("Proposals in the pipeline", "portfolio:pipeline", [])],
    ),
    "p49h-steering-review": (
        PlanStatus.IN_PROGRESS,
        None,
        "Each committee has ranked its programme's proposals once.",
        [],
    ),
    "p71-service-management-framework": (
        PlanStatus.IN_PROGRESS,
        None,
        "The service catalogue is published with its first service levels.",
        [("The ICT service catalogue", "performance:services", [])],
    ),
    "t4-unlb-oversight": (
        PlanStatus.DROPPED,
        None,
        "Superseded: the data centres' oversight moved to the disaster recovery project.",
        [],
    ),
}


def load(loader):
    people = {u.username: u for u in User.objects.filter(username__in=["pmo", "cito"])}
    if len(people) < 2:
        return  # personas not loaded
    pmo = people["pmo"]
    rng = random.Random(SEED)
    today = clock.today()
    kpis = _define_kpis(loader, pmo)
    _service_levels(loader, pmo, kpis)
    _hand_entered(loader, pmo, kpis, rng, today)
    _computed(loader, kpis, today)
    _plan(loader, pmo)


# --------------------------------------------------------------------------- KPIs
def _create(loader, pmo, existing, code, **values):
    if code in existing:
        loader.counts[(Kpi._meta.verbose_name_plural, "unchanged")] += 1
        return existing[code]
    values.setdefault("direction", Direction.HIGHER)
    values["target"], values["threshold"] = Decimal(values["target"]), Decimal(values["threshold"])
    kpi = kpi_services.kpi_create(actor=pmo, code=code, **values)
    loader.counts[(Kpi._meta.verbose_name_plural, "created")] += 1
    existing[code] = kpi
    return kpi


def _define_kpis(loader, pmo):
    existing = {k.code: k for k in Kpi.objects.all()}
    areas = {a.code: a for a in PriorityArea.objects.all()}
    service_area = areas.get("service-delivery")
    programmes = {p.code: p for p in Programme.objects.all()}
    for order, row in enumerate(ORGANISATION_KPIS, start=1):
        code, indicator, name, definition, source, params, frequency, target, threshold, extra = row
        _create(
            loader,
            pmo,
            existing,
            code,
            indicator=indicator,
            order=order,
            name=name,
            definition=definition,
            owner_kind=OwnerKind.ORGANISATION,
            source=source,
            source_params=params,
            frequency=frequency,
            target=target,
            threshold=threshold,
            priority_area=service_area,
            **extra,
        )
    for programme_code, row in PROGRAMME_KPIS.items():
        code, indicator, name, definition, target, threshold, extra = row
        programme = programmes[programme_code]
        _create(
            loader,
            pmo,
            existing,
            code,
            indicator=indicator,
            order=1,
            name=name,
            definition=definition,
            owner_kind=OwnerKind.PROGRAMME,
            programme=programme,
            frequency=Frequency.QUARTERLY,
            target=target,
            threshold=threshold,
            priority_area=areas.get("programme-delivery"),
            **extra,
        )
        _create(
            loader,
            pmo,
            existing,
            f"{programme_code}-projects-green",
            indicator="projects-green",
            order=2,
            name=f"{programme.name}: projects reporting green",
            definition="Share of the programme's projects reporting in the quarter whose latest "
            "status report is green on schedule, budget and scope.",
            owner_kind=OwnerKind.PROGRAMME,
            programme=programme,
            source="portfolio.projects_green",
            frequency=Frequency.QUARTERLY,
            target=70,
            threshold=50,
            priority_area=areas.get("programme-delivery"),
            **PERCENT,
        )
    for unit in ict_units():
        _create(
            loader,
            pmo,
            existing,
            f"{unit.code}-user-satisfaction",
            indicator="user-satisfaction",
            order=1,
            name="Users satisfied with ICT",
            definition="Share of the unit's survey respondents satisfied or very satisfied with "
            "ICT's overall effectiveness.",
            owner_kind=OwnerKind.UNIT,
            owner_unit=unit.code,
            source="survey.satisfaction",
            frequency=Frequency.YEARLY,
            target=80,
            threshold=70,
            priority_area=service_area,
            **PERCENT,
        )
        for order, (indicator, name, definition, target, threshold, extra) in enumerate(
            UNIT_KPIS, start=2
        ):
            _create(
                loader,
                pmo,
                existing,
                f"{unit.code}-{indicator}",
                indicator=indicator,
                order=order,
                name=name,
                definition=definition,
                owner_kind=OwnerKind.UNIT,
                owner_unit=unit.code,
                frequency=Frequency.QUARTERLY,
                target=target,
                threshold=threshold,
                priority_area=service_area,
                **extra,
            )
    return existing


def _service_levels(loader, pmo, kpis):
    catalogue = {s.code: s for s in Service.objects.all()}
    linked = set(ServiceLevel.objects.values_list("service__code", "kpi__code"))
    for service in catalogue.values():
        levels = []
        if service.survey_topic:
            kpi = _create(
                loader,
                pmo,
                kpis,
                f"svc-{service.code}-satisfaction",
                indicator=f"satisfaction-{service.survey_topic}",
                order=service.order,
                name=f"{service.name}: users satisfied",
                definition=f"Share of survey respondents satisfied with “{service.name}”.",
                owner_kind=OwnerKind.ORGANISATION,
                source="survey.satisfaction",
                source_params={"topic": service.survey_topic},
                frequency=Frequency.YEARLY,
                target=80,
                threshold=70,
                **PERCENT,
            )
            levels.append((ServiceLevelKind.SATISFACTION, kpi))
        for kind, suffix, label, definition, target, threshold, extra in SERVICE_LEVELS.get(
            service.code, []
        ):
            kpi = _create(
                loader,
                pmo,
                kpis,
                f"svc-{service.code}-{suffix}",
                indicator=f"{suffix}-{service.code}",
                order=service.order,
                name=f"{service.name}: {label}",
                definition=definition,
                owner_kind=OwnerKind.ORGANISATION,
                frequency=Frequency.QUARTERLY,
                target=target,
                threshold=threshold,
                **extra,
            )
            levels.append((kind, kpi))
        for order, (kind, kpi) in enumerate(levels, start=1):
            if (service.code, kpi.code) in linked:
                continue
            services.service_level_set(service=service, kpi=kpi, kind=kind, order=order, actor=pmo)
            loader.counts[(ServiceLevel._meta.verbose_name_plural, "created")] += 1


# --------------------------------------------------------------------------- values
def _drawn(kpi, index, rng, profile):
    """A value ``index`` quarters after the first: around the target by the profile."""
    start, slope = profile
    gap = abs(kpi.target - kpi.threshold) or Decimal(1)
    # At most 0.8 of a gap better than the target: figures stay plausible (no 0-hour desk).
    offset = Decimal(str(round(min(start + slope * index + rng.uniform(-0.35, 0.35), 0.8), 3)))
    better = Decimal(-1) if kpi.direction == Direction.LOWER else Decimal(1)
    value = kpi.target + better * offset * gap
    if kpi.minimum is not None:
        value = max(value, kpi.minimum)
    if kpi.maximum is not None:
        value = min(value, kpi.maximum)
    return value.quantize(Decimal("0.1"))


def _hand_entered(loader, pmo, kpis, rng, today):
    chiefs = {
        u.code: u.chief for u in ict_units().select_related("chief") if u.chief_id is not None
    }
    done = set(Measurement.objects.values_list("kpi__code", "period_start"))
    periods = list(reversed(recent(Frequency.QUARTERLY, today, QUARTERS + 1)[1:]))
    for code in sorted(kpis):
        kpi = kpis[code]
        if not kpi.is_manual or kpi.frequency != Frequency.QUARTERLY:
            continue
        if kpi.owner_unit:
            profile = UNIT_PROFILES.get(kpi.owner_unit, DEFAULT_PROFILE)
        else:
            profile = (0.1, 0.05) if hash_of(code) % 3 else (-1.2, 0.15)
        actor = chiefs.get(kpi.owner_unit, pmo)
        for index, period in enumerate(periods):
            value = _drawn(kpi, index, rng, profile)
            if (code, period.start) in done:
                loader.counts[(Measurement._meta.verbose_name_plural, "unchanged")] += 1
                continue
            entered = period.end + datetime.timedelta(days=12)
            with clock.frozen_at(_noon(min(entered, today))):
                kpi_services.measurement_record(kpi=kpi, period=period, value=value, actor=actor)
            loader.counts[(Measurement._meta.verbose_name_plural, "created")] += 1


def hash_of(text):
    """A stable small number from a text (Python's ``hash`` changes between runs)."""
    return sum(ord(c) for c in text)


def _computed(loader, kpis, today):
    """Each computed KPI over its last quarters, and a yearly one over every year since the
    strategy began (the demo's first survey closed in 2008); a source with nothing to measure
    for a period records nothing."""
    for code in sorted(kpis):
        kpi = kpis[code]
        if kpi.is_manual:
            continue
        if kpi.frequency == Frequency.YEARLY:
            periods = recent(kpi.frequency, today, today.year - FIRST_YEAR + 1)[1:]
        else:
            periods = recent(kpi.frequency, today, QUARTERS + 1)[1:]
        for period in sorted(periods):
            before = Measurement.objects.filter(kpi=kpi, period_start=period.start).exists()
            with clock.frozen_at(_noon(min(period.end + datetime.timedelta(days=1), today))):
                measurement = kpi_services.measurement_compute(kpi=kpi, period=period)
            if measurement is not None:
                loader.counts[
                    (Measurement._meta.verbose_name_plural, "unchanged" if before else "created")
                ] += 1


def _noon(day):
    from django.utils import timezone

    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(12)))


# --------------------------------------------------------------------------- plan
def _plan(loader, pmo):
    items = {i.code: i for i in PlanItem.objects.prefetch_related("evidence")}
    for code, (status, completed_on, note, evidence) in PLAN_PROGRESS.items():
        item = items.get(code)
        if item is None or item.status != PlanStatus.PLANNED:
            continue
        for title, url_name, args in evidence:
            kpi_services.plan_evidence_add(
                item=item, actor=pmo, title=title, url=reverse(url_name, args=args)
            )
        if status == PlanStatus.DROPPED:
            kpi_services.plan_item_update(item=item, actor=pmo, status=status, note=note)
        else:
            kpi_services.plan_item_update(
                item=item, actor=pmo, status=status, note=note, completed_on=completed_on
            )
        loader.counts[(PlanItem._meta.verbose_name_plural, "updated")] += 1
