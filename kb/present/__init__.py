"""The presentation both faces share: labels, numbers and units, sources, and card models.

`labels` holds every label a card shows (Korean first, the English gloss beside it),
`values` writes numbers, units and places, `cards` builds the typed cards (program, answer,
figure row, study) from the facade's records, and `plain` writes a card as plain text (`kb
answer`, the TUI's copies). The skins: kb/render.py prints cards and tables on the terminal
with rich (the CLI); tui/format.py turns the same cards into Textual's rich Text.
"""
