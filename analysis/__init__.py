"""Reproducible analysis of the OAS/CICAD MEM 2023 evaluation report on Peru."""
