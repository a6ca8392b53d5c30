"""Demo surveys: the first Secretariat-wide survey (closed, 5,015 generated responses whose
per-topic satisfaction matches paras 8-9 of the report) and an open survey staff can answer.

Responses are generated with a fixed seed, so every run produces the same data, and are
written with ``bulk_create`` only when the survey has none (a second run creates nothing).
"""

import datetime
import random
import uuid

from core import clock
from governance.models import OrganisationUnit

from .choices import Audience, Rating, SurveyStatus
from .models import Answer, Comment, Response, Survey, Topic

SEED = 2008
FIRST_SURVEY = "First Secretariat-wide ICT user satisfaction survey (2008)"
OPEN_SURVEY = "ICT user satisfaction survey (demo, open)"

#: percent satisfied per topic; para 9 where the report gives a figure.
TOPIC_SATISFACTION = {
    "computer-equipment": 76,
    "internet": 73,
    "email": 74,
    "remote-access": 64,
    "telephone": 79,
    "mobile-devices": 67,
    "office-software": 79,
    "department-applications": 70,
    "common-applications": 66,
    "finding-information": 67,
    "service-desk": 72,
    "training": 62,
    "overall": 71,
}
#: share answering "not applicable" (few staff travel or hold a mobile device).
NOT_APPLICABLE = {
    "remote-access": 0.30,
    "mobile-devices": 0.35,
    "training": 0.15,
    "department-applications": 0.12,
    "service-desk": 0.08,
    "telephone": 0.05,
    "overall": 0.0,
}
# unit code: (respondents, satisfaction aimed at, duty stations)
UNITS = {
    "dm": (900, 74, ["new-york"]),
    "dfs": (1300, 66, ["field"]),
    "other-hq": (700, 73, ["new-york"]),
    "regional-commissions": (600, 69, ["addis-ababa", "bangkok", "beirut", "santiago"]),
    "ictr": (200, 63, ["field"]),
    "icty": (250, 77, ["the-hague"]),
    "unog": (500, 79, ["geneva"]),
    "unon": (300, 67, ["nairobi"]),
    "unov": (265, 82, ["vienna"]),
}
STAFF_CATEGORIES = [
    ("professional", 38),
    ("general-service", 35),
    ("field-service", 10),
    ("director", 3),
    ("consultant", 7),
    ("other", 7),
]
YEARS = [("under-2", 20), ("2-10", 45), ("over-10", 35)]
GENDERS = [("female", 48), ("male", 49), ("", 3)]
#: a deliberately small group, so the demo shows suppression at work.
SMALL_GROUP = ("gender", "other", 3)
COMMENTING_RESPONDENTS = 1520

COMMENT_PHRASES = {
    "computer-equipment": [
        "My computer is old and slow to start.",
        "The printers on our floor are often out of order.",
        "Replacement of equipment was quick and friendly.",
    ],
    "internet": [
        "The connection drops several times a day.",
        "Internet is far too slow for video calls from the field.",
    ],
    "email": ["The mailbox quota is too small for our work.", "Calendar sharing works well."],
    "remote-access": [
        "Webmail while travelling is very slow.",
        "I could not reach the intranet from my mission.",
    ],
    "telephone": ["The phones work reliably.", "Voicemail is hard to set up."],
    "mobile-devices": ["It took months to get a mobile device.", "The BlackBerry service is good."],
    "office-software": ["The office software does what I need."],
    "department-applications": ["Our departmental database is outdated and duplicates IMIS."],
    "common-applications": [
        "IMIS is hard to use and reports are slow.",
        "e-PAS crashes at the end of the cycle.",
        "ODS search rarely finds the document I need.",
    ],
    "finding-information": [
        "It is very hard to find documents on the intranet.",
        "Every department has its own website; search does not cover them.",
    ],
    "service-desk": [
        "The service desk is helpful but tickets stay open for weeks.",
        "Nobody answers the service desk phone after hours.",
    ],
    "training": [
        "There is no training on the new systems.",
        "Training courses are only offered in New York.",
        "Please offer online training in French.",
    ],
    None: [
        "ICT services have improved, but the field is left behind.",
        "Please standardise the tools across duty stations.",
        "Thank you to the local ICT team.",
        "We need one service desk for the whole Secretariat.",
    ],
}


def _weighted(rng, pairs):
    values, weights = zip(*pairs, strict=True)
    return rng.choices(values, weights=weights, k=1)[0]


def _satisfied_rating(rng):
    return Rating.VERY_SATISFIED if rng.random() < 0.3 else Rating.SATISFIED


def _other_rating(rng):
    roll = rng.random()
    if roll < 0.5:
        return Rating.NEUTRAL
    return Rating.DISSATISFIED if roll < 0.85 else Rating.VERY_DISSATISFIED


def generate_responses(survey, topics, units, *, seed=SEED):
    """Build (responses, answers, comments), unsaved, matching TOPIC_SATISFACTION exactly
    to the percent, with units spread around it (62%-82% overall)."""
    rng = random.Random(seed)
    total = sum(size for size, _aim, _stations in UNITS.values())
    mean_aim = sum(size * aim for size, aim, _s in UNITS.values()) / total
    responses, members = [], {}
    for code, (size, _aim, stations) in UNITS.items():
        members[code] = []
        for _ in range(size):
            category = _weighted(rng, STAFF_CATEGORIES)
            station = rng.choice(stations)
            if category == "field-service" and station != "field":
                category = "general-service"
            response = Response(
                id=uuid.UUID(int=rng.getrandbits(128), version=4),
                survey=survey,
                duty_station=station,
                staff_category=category,
                years_of_service=_weighted(rng, YEARS),
                gender=_weighted(rng, GENDERS),
                organisation_unit=units[code],
            )
            responses.append(response)
            members[code].append(response)
    field, value, count = SMALL_GROUP
    for response in rng.sample(responses, count):
        setattr(response, field, value)

    answers = []
    by_response = {}
    for topic in topics:
        aim = TOPIC_SATISFACTION[topic.code]
        na_share = NOT_APPLICABLE.get(topic.code, 0.02)
        rated = {}
        for code, people in members.items():
            rated[code] = []
            for response in people:
                if rng.random() < na_share:
                    answers.append(
                        Answer(
                            response=response,
                            survey_id=response.survey_id,
                            topic=topic,
                            rating=Rating.NOT_APPLICABLE,
                        )
                    )
                else:
                    rated[code].append(response)
        total_rated = sum(len(people) for people in rated.values())
        goal = round(aim * total_rated / 100)
        quotas = {}
        for code, people in rated.items():
            unit_aim = min(99, max(1, aim + UNITS[code][1] - mean_aim))
            quotas[code] = round(unit_aim * len(people) / 100)
        # Rounding per unit drifts from the topic's figure: settle the difference on the
        # largest units, one response each.
        difference = goal - sum(quotas.values())
        largest = sorted(rated, key=lambda c: -len(rated[c]))
        i = 0
        while difference:
            code = largest[i % len(largest)]
            step = 1 if difference > 0 else -1
            if 0 <= quotas[code] + step <= len(rated[code]):
                quotas[code] += step
                difference -= step
            i += 1
        for code, people in rated.items():
            satisfied = set(id(r) for r in rng.sample(people, quotas[code]))
            for response in people:
                rating = _satisfied_rating(rng) if id(response) in satisfied else _other_rating(rng)
                answer = Answer(
                    response=response, survey_id=response.survey_id, topic=topic, rating=rating
                )
                answers.append(answer)
                by_response.setdefault(id(response), []).append(answer)

    comments = []
    topic_by_code = {t.code: t for t in topics}
    for response in rng.sample(responses, COMMENTING_RESPONDENTS):
        unhappy = [
            a.topic
            for a in by_response.get(id(response), [])
            if a.rating <= Rating.NEUTRAL and not a.topic.is_overall
        ]
        # Every commenting respondent writes one comment, some a second, general one.
        on_topic = bool(unhappy) and rng.random() < 0.65
        if on_topic:
            topic = rng.choice(unhappy)
            comments.append(
                Comment(
                    response=response, topic=topic, text=rng.choice(COMMENT_PHRASES[topic.code])
                )
            )
        if not on_topic or rng.random() < 0.1:
            comments.append(
                Comment(response=response, topic=None, text=rng.choice(COMMENT_PHRASES[None]))
            )
    assert set(topic_by_code) <= set(TOPIC_SATISFACTION)
    return responses, answers, comments


def load(loader):
    topics = list(Topic.objects.all())
    first = loader.sync(
        Survey,
        {"title": FIRST_SURVEY},
        {
            "introduction": "The first Secretariat-wide survey of ICT users (Annex III). "
            "Responses are generated for the demonstration.",
            "audience": Audience.STAFF,
            "status": SurveyStatus.CLOSED,
            "opens_on": datetime.date(2007, 12, 3),
            "closes_on": datetime.date(2008, 1, 10),
            "target": 80,
        },
    )
    loader.set_m2m(first, "topics", topics)
    if not Response.objects.filter(survey=first).exists():
        units = {u.code: u for u in OrganisationUnit.objects.filter(code__in=UNITS)}
        responses, answers, comments = generate_responses(first, topics, units)
        Response.objects.bulk_create(responses, batch_size=2000)
        Answer.objects.bulk_create(answers, batch_size=5000)
        Comment.objects.bulk_create(comments, batch_size=2000)
        loader.counts[(Response._meta.verbose_name_plural, "created")] += len(responses)

    today = clock.today()
    current = loader.sync(
        Survey,
        {"title": OPEN_SURVEY},
        {
            "introduction": "Tell us how well ICT services support your work. "
            "It takes about five minutes; your answers are anonymous.",
            "audience": Audience.STAFF,
            "status": SurveyStatus.OPEN,
            "target": 80,
            "compare_with": first,
        },
        on_create={
            "opens_on": today - datetime.timedelta(days=7),
            "closes_on": today + datetime.timedelta(days=90),
        },
    )
    loader.set_m2m(current, "topics", topics)
