"""Counted words read right in both languages: one hour, one minute, not "1 hours"."""

from __future__ import annotations

from registry.web.catalogue.format import Formats
from registry.web.i18n import minutes_in_words, translator


def test_hours_and_minutes_have_a_singular() -> None:
    english, dutch = Formats("en", translator("en")), Formats("nl", translator("nl"))
    assert (english.hours(1), english.hours(40)) == ("1 hour", "40 hours")
    assert (dutch.hours(1), dutch.hours(40)) == ("1 uur", "40 uur")
    assert minutes_in_words("nl", 59) == "1 minuut"
    assert minutes_in_words("nl", 61) == "2 minuten"
    assert minutes_in_words("en", 60) == "1 minute"
