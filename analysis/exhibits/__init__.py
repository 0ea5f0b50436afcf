"""How the book shows things: charts, tables, words in each language, numbers, citations."""
