"""Computations shared by several chapters: prices, exchange rates, the register, totals."""
