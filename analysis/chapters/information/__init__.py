"""Chapter "Research, information, monitoring and evaluation" (pillar RIME, objectives 1-4).

By role: `numbers` (the tables the chapter reads and what it counts), `words` (its
sentences), `exhibits` (its figure and tables).
"""
