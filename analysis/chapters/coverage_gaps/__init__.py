"""Chapter "Evaluation coverage gaps": where the report finds Peru short, how old its evidence is.

By role: `numbers` (what is counted and scored), `words` (the sentences and names),
`exhibits` (figures and tables). The report itself gives no ratings and makes no
recommendations; every status is a coding of its text.
"""
