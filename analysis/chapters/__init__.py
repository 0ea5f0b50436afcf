"""The chapters of the book: one module, or one package split by role, per notebook.

A chapter declares the notebook it serves (`CHAPTER = "<template's name>"`) and takes from
no other chapter: what several chapters share is in a module of its own here, declaring no
notebook (`money`: how amounts are priced and named; `pillars`: the pillar chapters'
register and sentences; `scores`: the coverage score in words; `table_specs`: the tables
they show), or, for numbers, in `compute/` (tests/test_chapters_layout.py checks it).
"""
