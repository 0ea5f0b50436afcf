"""How numbers are written in the book's prose and tables."""

from __future__ import annotations

CURRENCY_SYMBOLS = {"USD": "US$", "PEN": "S/"}


MINUS = "\u2212"


def money(amount: float, currency: str, decimals: int | None = None) -> str:
    """An amount with its currency symbol: 'US$94,604,221.75', 'S/ 313,991,412', '−US$0.01'.

    Without `decimals`, cents are shown only when the amount has them.
    """
    symbol = CURRENCY_SYMBOLS[currency]
    separator = " " if symbol.endswith("/") else ""
    if decimals is None:
        decimals = 2 if amount % 1 else 0
    sign = MINUS if amount < 0 else ""
    return f"{sign}{symbol}{separator}{abs(amount):,.{decimals}f}"


def millions(amount: float, currency: str) -> str:
    """An amount in millions, one decimal: 'US$94.6 million'."""
    symbol = CURRENCY_SYMBOLS[currency]
    separator = " " if symbol.endswith("/") else ""
    return f"{symbol}{separator}{amount / 1e6:,.1f} million"


def percent(value: float, signed: bool = False, decimals: int = 1) -> str:
    """A percentage (one decimal by default); the minus sign is a true minus."""
    text = f"{value:+.{decimals}f}%" if signed else f"{value:.{decimals}f}%"
    return text.replace("-", MINUS)


def rate(value: float) -> str:
    """A soles-per-dollar rate, as the report writes them: '3.618'."""
    return f"{value:.3f}"
