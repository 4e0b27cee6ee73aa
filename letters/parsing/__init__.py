"""The letter parser: pure Python, no Django. One entry point: ``parse(raw: bytes) -> ParsedLetter``."""

from letters.parsing.letter import PARSER_VERSION, parse
from letters.parsing.result import ParsedFinding, ParsedInspector, ParsedJudgement, ParsedLetter, SetAside

__all__ = [
    "PARSER_VERSION",
    "ParsedFinding",
    "ParsedInspector",
    "ParsedJudgement",
    "ParsedLetter",
    "SetAside",
    "parse",
]
