"""Tables as the book shows them: formatted numbers, full text, blanks for missing."""

from __future__ import annotations

import pandas as pd

from analysis.formats import MINUS, money


def for_display(
    frame: pd.DataFrame,
    *,
    money_columns: dict[str, str] | None = None,
    decimals: dict[str, int] | None = None,
    dates: tuple[str, ...] = (),
) -> pd.DataFrame:
    """A copy of `frame` with amounts written out, numbers rounded and missing cells blank.

    `money_columns` maps a column to its currency code; `decimals` a column to its places.
    """
    shown = frame.copy()
    for column, currency in (money_columns or {}).items():
        shown[column] = [
            money(v, currency, decimals=2) if pd.notna(v) else "" for v in shown[column]
        ]
    for column, places in (decimals or {}).items():
        shown[column] = [
            f"{v:,.{places}f}".replace("-", MINUS) if pd.notna(v) else "" for v in shown[column]
        ]
    for column in dates:
        shown[column] = [v.strftime("%Y-%m-%d") if pd.notna(v) else "" for v in shown[column]]
    return shown.astype(object).where(shown.notna(), "")
