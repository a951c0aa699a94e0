"""How the catalogue pages write dates, prices and levels in the visitor's language."""

from __future__ import annotations

import datetime as dt

from registry.web.competence_names import CompetenceNames
from registry.web.i18n import Lang, Translate, day_in_words
from schemas.catalogue import Level


class Formats:
    """Formatting helpers handed to the templates as `fmt`."""

    def __init__(self, lang: Lang, t: Translate) -> None:
        self.lang = lang
        self.t = t

    def day(self, value: dt.date | None) -> str:
        return day_in_words(self.lang, value)

    def price(self, cents: int | None) -> str:
        """'€ 1.495' or '€ 1.495,50' in Dutch; '€1,495' or '€1,495.50' in English."""
        if cents is None:
            return self.t("catalogue.price_unknown")
        euros, rest = divmod(cents, 100)
        whole = f"{euros:,}"
        if self.lang == "nl":
            whole = whole.replace(",", ".")
            return f"€ {whole}" + (f",{rest:02d}" if rest else "")
        return f"€{whole}" + (f".{rest:02d}" if rest else "")

    def level(self, level: Level | None) -> str:
        if level is None:
            return self.t("catalogue.level.none")
        return self.t(f"catalogue.level.{level.scheme}", value=level.value)

    def hours(self, hours: int) -> str:
        return self.t("catalogue.hours_one") if hours == 1 else self.t("catalogue.hours", n=hours)

    def days(self, days: int) -> str:
        return self.t("catalogue.days_one") if days == 1 else self.t("catalogue.days", n=days)

    def label(self, labels: dict[str, str], fallback: str) -> str:
        """A competence's label in the visitor's language when there is one."""
        return CompetenceNames(self.lang, {}).label("", fallback, labels)
