"""Neutralise spreadsheet formulas in CSV cells (OWASP "CSV Injection"): a cell that starts with =, +, -, @, a tab or
a carriage return is read by Excel, LibreOffice and Google Sheets as a formula, so it gets a leading single quote,
which spreadsheets show as text and hide. Numbers are left alone (a negative number is data, not a formula)."""

from __future__ import annotations

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: object) -> object:
    """The value as a CSV cell a spreadsheet will not run."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def safe_row(values: list) -> list:
    return [safe_cell(value) for value in values]
