"""CSV competence import: ESCO exports and the plain format."""

from __future__ import annotations

import pytest

from catalogue.esco import (
    DEFAULT_MAX_BYTES,
    ESCO_GREEN_SKILLS_CSV,
    ESCO_GREEN_SKILLS_NL_CSV,
    ESCO_LANGUAGES,
    CsvFormatError,
    parse_esco_csv,
    parse_plain_csv,
)
from schemas.catalogue import CompetenceCreate
from schemas.errors import MalformedInputError
from schemas.errors.catalogue import UnknownEscoLanguageError

HEAT_PUMP = "http://data.europa.eu/esco/skill/00735755-adc6-4ea0-b034-b8caff339c9f"
ESCO_HEADER = (
    "conceptType,conceptUri,preferredLabel,status,skillType,reuseLevel,altLabels,description,"
    "broaderConceptUri,broaderConceptPT\n"
)


def esco_row(uri: str, label: str, status: str = "released", description: str = "") -> str:
    return f"KnowledgeSkillCompetence,{uri},{label},{status},skill/competence,,,{description},,\n"


def raises(
    code: str, data: bytes, *, framework: str | None = None, max_bytes: int = DEFAULT_MAX_BYTES
) -> CsvFormatError:
    """Parse as ESCO (no framework) or plain CSV and expect a CsvFormatError with `code`."""

    def parse() -> list[CompetenceCreate]:
        if framework is None:
            return parse_esco_csv(data, max_bytes=max_bytes)
        return parse_plain_csv(data, framework=framework, max_bytes=max_bytes)

    with pytest.raises(CsvFormatError) as info:
        parse()
    assert info.value.code == code, str(info.value)
    return info.value


# ---------------------------------------------------------------- ESCO


def test_green_skills_file_parses_to_570_competences() -> None:
    competences = parse_esco_csv(ESCO_GREEN_SKILLS_CSV.read_bytes())
    assert len(competences) == 570
    assert len({c.uri for c in competences}) == 570
    assert all(c.framework == "esco" and c.code is None for c in competences)
    assert all(c.uri.startswith("http://data.europa.eu/esco/skill/") for c in competences)
    assert all(set(c.labels) == {"en"} for c in competences)


def test_known_row_install_heat_pump() -> None:
    competences = {c.uri: c for c in parse_esco_csv(ESCO_GREEN_SKILLS_CSV.read_bytes())}
    heat_pump = competences[HEAT_PUMP]
    assert heat_pump == CompetenceCreate(
        framework="esco",
        uri=HEAT_PUMP,
        code=None,
        labels={"en": "install heat pump"},
        description=heat_pump.description,
    )
    assert heat_pump.description.startswith("Install heat pumps, which use the physical")


def test_esco_framework_and_language_parameters() -> None:
    data = (ESCO_HEADER + esco_row("http://example.org/s/1", "warmtepomp installeren")).encode()
    [competence] = parse_esco_csv(data, framework="esco-nl", language="nl")
    assert competence.framework == "esco-nl"
    assert competence.labels == {"nl": "warmtepomp installeren"}


def test_the_official_dutch_labels_file() -> None:
    """`preferredLabel_nl` names its language; the same 570 skills, in the same order."""
    dutch = parse_esco_csv(ESCO_GREEN_SKILLS_NL_CSV.read_bytes())
    english = parse_esco_csv(ESCO_GREEN_SKILLS_CSV.read_bytes())
    assert [c.uri for c in dutch] == [c.uri for c in english]
    assert all(set(c.labels) == {"nl"} and c.description == "" for c in dutch)
    assert {c.uri: c.labels["nl"] for c in dutch}[HEAT_PUMP] == "warmtepompen installeren"


def test_esco_label_columns_per_language() -> None:
    text = "conceptUri,preferredLabel,preferredLabel_nl,preferredLabel_de\n"
    text += "http://example.org/s/1,install heat pump,warmtepompen installeren,\n"
    [competence] = parse_esco_csv(text.encode(), language="en")
    assert competence.labels == {"en": "install heat pump", "nl": "warmtepompen installeren"}
    error = raises("csv-missing-column", b"conceptUri,altLabels_nl\nhttp://example.org/s/1,x\n")
    assert "preferredLabel" in str(error)


def test_esco_skips_rows_that_are_not_released_and_accepts_bom_and_crlf() -> None:
    text = (
        ESCO_HEADER
        + esco_row("http://example.org/s/1", "one")
        + esco_row("http://example.org/s/2", "two", status="obsolete")
        + esco_row("http://example.org/s/3", "three", status="")
        + "\n"
    )
    data = b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode()
    assert [c.labels["en"] for c in parse_esco_csv(data)] == ["one", "three"]


def test_esco_without_status_column_keeps_all_rows() -> None:
    data = b"conceptUri,preferredLabel\nhttp://example.org/s/1,one\nhttp://example.org/s/2,two\n"
    assert [c.uri for c in parse_esco_csv(data)] == [
        "http://example.org/s/1",
        "http://example.org/s/2",
    ]


def test_esco_missing_column() -> None:
    error = raises("csv-missing-column", b"conceptUri,status\nhttp://example.org/s/1,released\n")
    assert "preferredLabel" in str(error)
    assert error.row is None


def test_esco_empty_label_gives_line_number() -> None:
    data = (
        ESCO_HEADER
        + esco_row("http://example.org/s/1", "one")
        + esco_row("http://example.org/2", "")
    ).encode()
    assert raises("csv-invalid-row", data).row == 3


def test_esco_bad_uri_line_counts_multiline_records() -> None:
    data = (
        ESCO_HEADER
        + esco_row("http://example.org/s/1", "one", description='"first line\nsecond line"')
        + esco_row("not a uri", "two")
    ).encode()
    error = raises("csv-invalid-row", data)
    assert error.row == 4
    assert "URI" in str(error)
    assert str(error).startswith("line 4: ")


# ---------------------------------------------------------------- plain CSV


def test_plain_csv_with_dutch_and_english_labels() -> None:
    data = (
        b"uri,code,label_nl,label_en,description\n"
        b"https://example.org/bk/B1-K1-W1,B1-K1-W1,Warmtepomp installeren,Install heat pump,"
        b'"Plaatst de binnen- en buitenunit, en sluit aan."\n'
        b"https://example.org/bk/B1-K1-W2,,Laadpaal aansluiten,,\n"
    )
    first, second = parse_plain_csv(data, framework="kd-monteur")
    assert first == CompetenceCreate(
        framework="kd-monteur",
        uri="https://example.org/bk/B1-K1-W1",
        code="B1-K1-W1",
        labels={"nl": "Warmtepomp installeren", "en": "Install heat pump"},
        description="Plaatst de binnen- en buitenunit, en sluit aan.",
    )
    assert second.code is None
    assert second.labels == {"nl": "Laadpaal aansluiten"}
    assert second.description == ""


def test_plain_csv_needs_only_uri_and_one_label_column() -> None:
    [competence] = parse_plain_csv(b"label_de,uri\nW\xc3\xa4rmepumpe,urn:x:1\n", framework="own")
    assert competence.labels == {"de": "Wärmepumpe"}
    assert competence.code is None


def test_plain_csv_missing_columns() -> None:
    error = raises("csv-missing-column", b"uri,code,description\nurn:x:1,A,\n", framework="own")
    assert "label_" in str(error)
    error = raises("csv-missing-column", b"code,label_nl\nA,x\n", framework="own")
    assert "uri" in str(error)
    raises("csv-missing-column", b"", framework="own")


def test_plain_csv_bad_label_column_name() -> None:
    raises("csv-bad-column", b"uri,label_nld\nurn:x:1,x\n", framework="own")
    raises("csv-bad-column", b"uri,label_nl,label_nl\nurn:x:1,x,y\n", framework="own")


def test_plain_csv_bad_rows_give_line_numbers() -> None:
    header = "uri,code,label_nl,label_en,description\n"
    bad_uri = header + "urn:x:1,,een,one,\nhttp://bad uri,,twee,two,\n"
    assert raises("csv-invalid-row", bad_uri.encode(), framework="own").row == 3
    empty_label = header + "urn:x:1,,een,one,\n\nurn:x:2,,,,\n"
    assert raises("csv-invalid-row", empty_label.encode(), framework="own").row == 4
    duplicate = header + "urn:x:1,,een,one,\nurn:x:1,,twee,two,\n"
    assert raises("csv-invalid-row", duplicate.encode(), framework="own").row == 3
    wrong_width = header + "urn:x:1,,een\n"
    assert raises("csv-invalid-row", wrong_width.encode(), framework="own").row == 2
    unclosed_quote = header + 'urn:x:1,,"een,one,\n'
    assert raises("csv-invalid-row", unclosed_quote.encode(), framework="own").row == 2
    too_long = header + f"urn:x:1,,{'x' * 201},one,\n"
    assert raises("csv-invalid-row", too_long.encode(), framework="own").row == 2


# ---------------------------------------------------------------- both


@pytest.mark.parametrize("plain", [False, True])
def test_not_utf8(plain: bool) -> None:
    data = "uri,label_nl,conceptUri,preferredLabel\nurn:x:1,café,urn:x:1,café\n".encode("latin-1")
    error = raises("csv-not-utf8", data, framework="own" if plain else None)
    assert error.row is None


def test_too_large() -> None:
    data = b"uri,label_nl,conceptUri,preferredLabel\nurn:x:1,een,urn:x:1,een\n"
    raises("csv-too-large", data, max_bytes=len(data) - 1)
    raises("csv-too-large", data, framework="own", max_bytes=len(data) - 1)
    assert len(parse_esco_csv(data, max_bytes=len(data))) == 1
    assert len(parse_plain_csv(data, framework="own", max_bytes=len(data))) == 1


def test_error_is_a_value_error_and_a_domain_error() -> None:
    error = raises("csv-not-utf8", b"\xff\xfe")
    assert isinstance(error, ValueError)
    assert isinstance(error, MalformedInputError)
    assert error.extra == {"row": None}


def test_framework_must_be_a_slug() -> None:
    with pytest.raises(ValueError, match="slug"):
        parse_plain_csv(b"uri,label_nl\n", framework="Not A Slug")
    with pytest.raises(UnknownEscoLanguageError, match="ESCO publishes no 'eng' labels"):
        parse_esco_csv(b"conceptUri,preferredLabel\n", language="eng")


def test_only_the_languages_esco_publishes() -> None:
    """ESCO's 28: the 24 EU languages, Icelandic, Norwegian, Arabic and Ukrainian."""
    assert len(ESCO_LANGUAGES) == 28
    data = (ESCO_HEADER + esco_row("http://example.org/s/1", "label")).encode()
    for language in ("nl", "ga", "mt", "is", "no", "ar", "uk"):
        [competence] = parse_esco_csv(data, language=language)
        assert competence.labels == {language: "label"}
    for language in ("xx", "tr", "ru", "zh", "nb"):
        with pytest.raises(UnknownEscoLanguageError) as caught:
            parse_esco_csv(data, language=language)
        assert caught.value.code == "unknown-esco-language"
        assert caught.value.message.startswith(
            f"language: ESCO publishes no {language!r} labels; its languages are ar, bg, cs,"
        )
    column = b"conceptUri,preferredLabel_nl,preferredLabel_tr\nhttp://example.org/s/1,a,b\n"
    with pytest.raises(UnknownEscoLanguageError, match="column 'preferredLabel_tr': ESCO"):
        parse_esco_csv(column)
