"""How the book shows things: charts, tables, words in each language, numbers, citations."""

FIGURES_DIR = "figures"  # where a chapter's figure files go, beside its notebook
