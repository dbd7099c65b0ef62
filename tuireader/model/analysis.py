"""An article together with what extraction found in it."""

from __future__ import annotations

from dataclasses import dataclass

from tuireader.model.article import Article
from tuireader.model.statement import Speaker, Statement


@dataclass(frozen=True, slots=True)
class Analysis:
    """The statements and speakers of one article."""

    article: Article
    """The article the offsets point into."""
    statements: tuple[Statement, ...]
    """Statements in text order."""
    speakers: tuple[Speaker, ...]
    """Speakers with at least one statement, most statements first."""

    def __post_init__(self) -> None:
        for statement in self.statements:
            statement.validate(self.article.text)

    @classmethod
    def of_checked(
        cls, article: Article, statements: tuple[Statement, ...], speakers: tuple[Speaker, ...]
    ) -> Analysis:
        """An analysis whose statements the caller has already checked against the text.

        For the extractor, which makes many statements per article and checks each one's
        spans as it makes them: `__init__` would check them all a second time. Statements
        from anywhere else (read back from an archive or a cache) go through `__init__`.

        Args:
            article: The article the offsets point into.
            statements: Statements in text order, each with non-empty content and every
                span inside ``article.text``.
            speakers: Speakers with at least one statement, most statements first.
        """
        analysis = object.__new__(cls)
        object.__setattr__(analysis, "article", article)
        object.__setattr__(analysis, "statements", statements)
        object.__setattr__(analysis, "speakers", speakers)
        return analysis

    def speaker(self, name: str | None) -> Speaker | None:
        """The speaker with this canonical name, if any."""
        for speaker in self.speakers:
            if speaker.name == name:
                return speaker
        return None

    def count(self, speaker: Speaker) -> int:
        """How many statements are attributed to ``speaker``."""
        return sum(1 for s in self.statements if s.speaker == speaker.name)

    def text_of(self, statement: Statement) -> str:
        """The words of ``statement``."""
        return statement.content.slice(self.article.text)
