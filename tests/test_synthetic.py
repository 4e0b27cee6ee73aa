"""The synthetic letter generator: determinism, variety, truth consistency, encodings, CLI (no Django)."""

from __future__ import annotations

import codecs
import collections
import inspect
import json
import os
import re
import subprocess
import sys
import unicodedata
from datetime import date
from pathlib import Path
from random import Random

import pytest

from letters.synthetic import (
    FORMATS,
    NOISE_KINDS,
    councils,
    dates,
    formats,
    generate_corpus,
    generate_letter,
    letter_seed,
    plans,
)
from letters.synthetic import __main__ as cli
from letters.synthetic.check import decode, missing_findings

ROOT = Path(__file__).resolve().parents[1]
SECTIONS = {
    "strength",
    "satisfactory",
    "area_for_development",
    "priority_action",
    "area_for_improvement",
    "headline",
    "narrative",
}
VISIT_TYPES = {
    "cra": {"unannounced inspection"},
    "ilacs": {"monitoring visit", "focused visit"},
    "sif": {"monitoring visit"},
}
# Kinds that need a particular format to have anything to act on.
KIND_FORMAT = {
    "footnote": "ilacs_focused",
    "heading_bullet": "cra",
    "html_list": "cra",
    "stuck_heading": "cra",
}


@pytest.fixture(scope="module")
def corpus() -> list:
    return list(generate_corpus(300, seed=2024))


@pytest.fixture(scope="module")
def heavy() -> list:
    return list(generate_corpus(300, seed=7, noise="heavy"))


# --- determinism ----------------------------------------------------------------------------------------


def test_same_seed_same_bytes_and_truth():
    for seed in range(25):
        first, second = generate_letter(seed), generate_letter(seed)
        assert first.raw == second.raw
        assert first.truth == second.truth
        assert first.filename == second.filename and first.noise == second.noise


def test_random_instance_gives_the_same_letter_as_the_same_stream():
    assert generate_letter(Random(99)).raw == generate_letter(Random(99)).raw
    assert generate_letter(Random(99)).raw != generate_letter(Random(100)).raw


def test_corpus_is_repeatable_and_each_letter_regenerable():
    once = [(letter.raw, letter.filename) for letter in generate_corpus(30, seed=5)]
    again = [(letter.raw, letter.filename) for letter in generate_corpus(30, seed=5)]
    assert once == again
    assert generate_letter(letter_seed(5, 17)).raw == once[17][0]
    assert len({raw for raw, _ in once}) == 30
    assert [letter.raw for letter in generate_corpus(5, seed=6)] != [raw for raw, _ in once[:5]]


def test_corpus_is_lazy():
    stream = generate_corpus(10**9, seed=1)
    assert inspect.isgenerator(stream)
    assert next(stream).raw  # a billion letters would never be built up front


def test_noise_choice_never_changes_the_truth():
    for seed in range(15):
        clean = generate_letter(seed, noise="none")
        for noise in ("realistic", "heavy", ["html_list", "ocr"], ["hard_wrap", "dehyphenate", "cp1252"]):
            assert generate_letter(seed, noise=noise).truth == clean.truth


def test_global_random_is_left_alone():
    import random

    random.seed(12345)
    expected = random.random()
    random.seed(12345)
    generate_letter(3)
    list(generate_corpus(3, seed=3))
    assert random.random() == expected


# --- variety --------------------------------------------------------------------------------------------


def test_all_formats_occur(corpus):
    assert {letter.format for letter in corpus} == set(FORMATS)
    assert {letter.truth["framework"]["slug"] for letter in corpus} == {"cra", "ilacs", "sif"}
    assert {letter.truth["visit_type"] for letter in corpus} == {
        "unannounced inspection",
        "monitoring visit",
        "focused visit",
    }


def test_all_noise_kinds_occur(corpus, heavy):
    seen = collections.Counter(kind for letter in corpus for kind in letter.noise)
    assert set(NOISE_KINDS) <= set(seen), sorted(set(NOISE_KINDS) - set(seen))
    assert set(NOISE_KINDS) <= {kind for letter in heavy for kind in letter.noise}
    assert sum(1 for letter in corpus if not letter.noise or letter.noise == ("page_break",)) < 60


def test_content_varies(corpus):
    texts = [f["text"] for letter in corpus for f in letter.truth["findings"]]
    assert len(set(texts)) > 0.85 * len(texts)
    assert len({letter.truth["authority"]["slug"] for letter in corpus}) > 100
    assert len({letter.truth["title"] for letter in corpus}) > 200
    names = {i["name"] for letter in corpus for i in letter.truth["inspectors"]}
    assert len(names) > 300
    average = sum(len(letter.truth["findings"]) for letter in corpus) / len(corpus)
    assert 11 <= average <= 15


def test_phrasings_vary(corpus):
    text = "\n".join(re.sub(r"\s+", " ", decode(letter.raw)).replace("\u2019", "'") for letter in corpus)
    for phrase in (
        "Her Majesty's Inspectors for this visit were",
        "His Majesty's Inspectors for this visit were",
        "The inspectors were",
        "HMI",
        "The visit was carried out by",
        "lead inspector",
        "Satisfactory practice",
        "The service meets the requirements of statutory guidance in the following areas",
        "delivered satisfactorily in accordance with national guidance, in particular:",
        "Areas for priority action",
        "Headline findings",
        "Overview",
        "Main findings",
        "Findings and evaluation of progress",
        "What needs to improve in this area of social work practice?",
        "Areas covered by the visit",
        "monitoring visit since the local authority was judged inadequate",
        "COVID-19",
        "I am copying this letter to the Department for Education.",
        "Piccadilly Gate",
        "Freshford House",
        "Yours sincerely",
        "Copy:",
    ):
        assert phrase in text, phrase
    assert re.search(r"between \d{1,2} and \d{1,2} [A-Z][a-z]+ 20\d\d", text)
    assert re.search(r"on \d{1,2} and \d{1,2} [A-Z][a-z]+ 20\d\d", text)
    assert re.search(r"on \d{1,2} [A-Z][a-z]+ 20\d\d\.", text)


def test_word_frequencies_are_plausible():
    findings = [f["text"].lower() for letter in generate_corpus(600, seed=11) for f in letter.truth["findings"]]
    domestic = sum("domestic" in text for text in findings) / len(findings)
    escalation = sum("escalation" in text for text in findings) / len(findings)
    assert 0.10 <= domestic <= 0.22, domestic
    assert 0.004 <= escalation <= 0.03, escalation


# --- truth ----------------------------------------------------------------------------------------------


def test_truth_follows_the_contract(corpus, heavy):
    known = {c.slug: c for c in councils.load_councils()}
    for letter in corpus + heavy:
        truth = letter.truth
        assert set(truth) == {
            "authority",
            "letter_date",
            "visit_dates",
            "framework",
            "visit_type",
            "title",
            "recipient",
            "inspectors",
            "prior_judgement",
            "visit_ordinal",
            "scope",
            "findings",
        }
        json.dumps(truth)
        letter_day = date.fromisoformat(truth["letter_date"])
        visit_days = [date.fromisoformat(d) for d in truth["visit_dates"]]
        assert visit_days == sorted(set(visit_days)) and visit_days[-1] < letter_day
        council = known[truth["authority"]["slug"]]
        assert truth["authority"]["name"] == council.name
        assert council.exists_on(letter_day) and council.exists_on(visit_days[0])
        framework = truth["framework"]["slug"]
        assert truth["visit_type"] in VISIT_TYPES[framework]
        assert [i["lead"] for i in truth["inspectors"]] == [True] + [False] * (len(truth["inspectors"]) - 1)
        assert truth["recipient"]["name"] and not truth["recipient"]["name"].startswith(("Mr ", "Ms "))
        monitoring = truth["visit_type"] == "monitoring visit"
        assert (truth["prior_judgement"] is not None) == monitoring == (truth["visit_ordinal"] is not None)
        if monitoring:
            assert truth["prior_judgement"]["grade"] == "inadequate"
            assert re.fullmatch(r"20\d\d-\d\d", truth["prior_judgement"]["month"])
            assert truth["prior_judgement"]["month"] < truth["visit_dates"][0][:7]
        if framework == "cra":
            assert truth["title"].startswith("Annual unannounced inspection of contact, referral and assessment")
            assert date(2009, 6, 1) <= letter_day <= date(2012, 12, 31)
        elif framework == "sif":
            assert date(2014, 1, 1) <= letter_day <= date(2018, 3, 31)
        else:
            assert letter_day >= date(2018, 1, 1)
        assert all(f["section"] in SECTIONS and f["text"] == f["text"].strip() for f in truth["findings"])
        assert all("  " not in f["text"] and "\n" not in f["text"] for f in truth["findings"])
        assert "\u2019" not in json.dumps(truth, ensure_ascii=False)


def test_findings_survive_the_mess(corpus, heavy):
    for letter in corpus + heavy:
        assert missing_findings(letter.raw, letter.truth) == [], (letter.seed, letter.noise)


@pytest.mark.parametrize("kind", NOISE_KINDS)
def test_each_noise_kind_on_its_own(kind):
    applied = 0
    for seed in range(12):
        letter = generate_letter(seed, noise=[kind], fmt=KIND_FORMAT.get(kind))
        assert missing_findings(letter.raw, letter.truth) == [], (kind, seed)
        applied += kind in letter.noise
    assert applied >= 3, kind


def test_title_date_and_people_are_in_the_text(corpus):
    for letter in corpus:
        if {"ocr", "odd_spaces", "dehyphenate"} & set(letter.noise):
            continue  # these may split or join words in names and dates
        text = unicodedata.normalize("NFKC", decode(letter.raw)).replace("\u2019", "'")
        text = re.sub(r"<[^>]+>|\*\*", "", re.sub(r"\s+", " ", text))
        truth = letter.truth
        assert truth["title"] in text or truth["title"].replace("'", "\u2019") in text
        assert dates.day_month_year(date.fromisoformat(truth["letter_date"])) in text
        assert truth["inspectors"][0]["name"] in text
        assert truth["recipient"]["name"].split()[-1] in text


def test_majesty_follows_the_date(corpus):
    for letter in corpus:
        text = decode(letter.raw).replace("\u2019", "'")
        if letter.truth["letter_date"] >= "2022-10-01":
            assert "Her Majesty's Inspector" not in text
        elif letter.truth["letter_date"] < "2022-09-01":
            assert "His Majesty's" not in text


def test_unknown_noise_and_formats_are_refused():
    with pytest.raises(ValueError):
        generate_letter(1, noise=["no_such_kind"])
    with pytest.raises(ValueError):
        generate_letter(1, noise=["hard_wrap", "html_list"])
    with pytest.raises(ValueError):
        generate_letter(1, noise=["cp1252", "bom"])
    with pytest.raises(ValueError):
        generate_letter(1, framework="jtai")
    with pytest.raises(ValueError):
        generate_letter(1, framework="cra", visit_type="focused visit")


def test_framework_and_visit_type_filters():
    for seed in range(10):
        assert generate_letter(seed, framework="sif").truth["framework"]["slug"] == "sif"
        assert generate_letter(seed, visit_type="focused visit").truth["visit_type"] == "focused visit"
        assert generate_letter(seed, framework="cra").format == "cra"


# --- encodings ------------------------------------------------------------------------------------------


def test_encodings_decode():
    for seed in range(8):
        cp1252 = generate_letter(seed, noise=["cp1252"])
        with pytest.raises(UnicodeDecodeError):
            cp1252.raw.decode("utf-8")  # curly quotes as single cp1252 bytes
        assert "\u2019" in cp1252.raw.decode("cp1252")
        assert cp1252.encoding == "cp1252"

        bom = generate_letter(seed, noise=["bom"])
        assert bom.raw.startswith(codecs.BOM_UTF8) and bom.raw[3:].decode("utf-8")

        utf16 = generate_letter(seed, noise=["utf16"])
        assert utf16.raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))
        assert "children" in utf16.raw.decode("utf-16")

        crlf = generate_letter(seed, noise=["crlf"]).raw.decode("utf-8")
        assert "\r\n" in crlf and "\n" not in crlf.replace("\r\n", "")

        clean = generate_letter(seed, noise="none")
        assert not set(clean.raw.decode("utf-8")) & set("\u2018\u2019\u25fc\u25aa\uf0b7\ufb01\f\r\u00a0")
        assert clean.text() == decode(clean.raw)


def test_realistic_letters_decode_with_their_encoding(corpus):
    for letter in corpus:
        assert letter.text() == decode(letter.raw)


# --- councils -------------------------------------------------------------------------------------------


def test_councils_exist_at_the_letter_date():
    known = {c.slug: c for c in councils.load_councils()}
    slugs = collections.Counter()
    for letter in generate_corpus(400, seed=3):
        slug = letter.truth["authority"]["slug"]
        slugs[slug] += 1
        assert known[slug].exists_on(date.fromisoformat(letter.truth["letter_date"]))
    if "northamptonshire" in known and "north-northamptonshire" in known:
        northants = known["northamptonshire"]
        assert northants.exists_on(date(2020, 1, 1)) and not northants.exists_on(date(2022, 1, 1))
        assert not known["north-northamptonshire"].exists_on(date(2020, 1, 1))


def test_authorities_file_is_honoured(tmp_path):
    records = [dict(councils.FALLBACK[0]), dict(councils.FALLBACK[5])]
    path = tmp_path / "authorities.json"
    path.write_text(json.dumps(records), encoding="utf-8")
    seen = {generate_letter(seed, authorities=str(path)).truth["authority"]["slug"] for seed in range(30)}
    assert seen == {"luton", "city-of-london"}


def test_fallback_councils_are_complete():
    built = councils.build_councils(councils.FALLBACK)
    assert len(built) >= 10
    by_slug = {c.slug: c for c in built}
    assert by_slug["bournemouth-christchurch-and-poole"].created == date(2019, 4, 1)
    assert not by_slug["poole"].exists_on(date(2019, 4, 1))
    assert by_slug["city-of-london"].formal == "City of London Corporation"


# --- dates ----------------------------------------------------------------------------------------------


def test_visit_phrases_cover_every_day():
    rng = Random(0)
    assert dates.visit_phrase(rng, [date(2024, 7, 31), date(2024, 8, 1)]) == "on 31 July and 1 August 2024"
    assert dates.visit_phrase(rng, [date(2018, 10, 24)]) == "on 24 October 2018"
    assert (
        dates.visit_phrase(rng, [date(2025, 7, 15), date(2025, 7, 16), date(2025, 7, 21)])
        == "on 15, 16 and 21 July 2025"
    )
    three = [date(2020, 11, 3), date(2020, 11, 4), date(2020, 11, 5)]
    phrases = {dates.visit_phrase(Random(i), three) for i in range(60)}
    assert "between 3 and 5 November 2020" in phrases and "on 3, 4 and 5 November 2020" in phrases


# --- CLI and purity -------------------------------------------------------------------------------------


def test_cli_writes_letters_and_truth(tmp_path, capsys):
    assert cli.main([str(tmp_path), "--count", "25", "--seed", "3", "--every", "10"]) == 0
    lines = (tmp_path / "truth.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(lines) == 25
    assert len(list(tmp_path.glob("*.txt"))) == 25
    for index, line in enumerate(lines):
        record = json.loads(line)
        assert set(record) == {"filename", "seed", "format", "noise", "truth"}
        expected = generate_letter(letter_seed(3, index))
        assert (tmp_path / record["filename"]).read_bytes() == expected.raw
        assert record["truth"] == expected.truth
    err = capsys.readouterr().err
    assert "10/25 letters" in err and "20/25 letters" in err


def test_cli_runs_as_a_module(tmp_path):
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "letters.synthetic",
            str(tmp_path / "out"),
            "--count",
            "3",
            "--seed",
            "1",
            "--noise",
            "none",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    assert "wrote 3 letters" in result.stderr
    assert len((tmp_path / "out" / "truth.jsonl").read_text().splitlines()) == 3


def test_output_does_not_depend_on_the_hash_seed():
    code = (
        "import hashlib, letters.synthetic as s; h = hashlib.sha256()\n"
        "for letter in s.generate_corpus(40, seed=8): h.update(letter.raw)\n"
        "print(h.hexdigest())"
    )
    digests = {
        subprocess.run(
            [sys.executable, "-c", code],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
            env={**os.environ, "PYTHONHASHSEED": str(seed)},
        ).stdout
        for seed in (1, 2)
    }
    assert len(digests) == 1


SHARED = ROOT.parent / "shared"


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\u2019", "'").replace("\u2018", "'"))


@pytest.mark.skipif(not SHARED.is_dir(), reason="the sample letters are not beside the project")
def test_boilerplate_is_worded_as_in_the_samples():
    samples = _flat("\n".join(path.read_text(encoding="utf-8") for path in sorted(SHARED.glob("*/*.txt"))))
    for sentence in (
        formats.CRA_METHOD.format(extent="any"),
        formats.CRA_NO_PRIORITY.format(comma=""),
        formats.CRA_FEATURES,
        plans.SATISFACTORY_LEAD_IN,
        formats.CHIEF_INSPECTOR.format(m="Her"),
        formats.FOOTNOTE_TEXT,
        "Ofsted will take the findings from this focused visit into account when planning your next "
        "inspection or visit.",
        "I am copying this letter to the Department for Education.",
    ):
        assert _flat(sentence) in samples, sentence


def test_package_does_not_import_django():
    code = "import sys, letters.synthetic as s; s.generate_letter(1); print('django' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"
