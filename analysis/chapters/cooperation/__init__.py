"""Chapter "International cooperation" (report: pillar IC, objectives 1 and 2; IS 3.3).

By role: `numbers` (partners, channels and the observatory's UNODC line), `words` (names
and sentences), `exhibits` (figures and tables).
"""
