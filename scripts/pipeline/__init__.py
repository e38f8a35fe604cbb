"""The edition's build driver: its own steps around the site generator (prepare → MkDocs → finish).

MkDocs, Material and the i18n plugin only turn the prepared tree into HTML; the model never lives inside
them, so the edition can move to another generator by changing what `site.py` runs.
"""
