"""How numbers are written in the book's prose and tables."""

from __future__ import annotations

CURRENCY_SYMBOLS = {"USD": "US$", "PEN": "S/"}


def money(amount: float, currency: str) -> str:
    """A full amount with its currency symbol: 'US$94,604,221.75', 'S/ 313,991,412'."""
    symbol = CURRENCY_SYMBOLS[currency]
    separator = " " if symbol.endswith("/") else ""
    digits = f"{amount:,.2f}" if amount % 1 else f"{amount:,.0f}"
    return f"{symbol}{separator}{digits}"


def millions(amount: float, currency: str) -> str:
    """An amount in millions, one decimal: 'US$94.6 million'."""
    symbol = CURRENCY_SYMBOLS[currency]
    separator = " " if symbol.endswith("/") else ""
    return f"{symbol}{separator}{amount / 1e6:,.1f} million"


def percent(value: float, signed: bool = False) -> str:
    """A percentage with one decimal; the minus sign is a true minus."""
    text = f"{value:+.1f}%" if signed else f"{value:.1f}%"
    return text.replace("-", "\u2212")
