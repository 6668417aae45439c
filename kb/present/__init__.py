"""The presentation both faces share: labels, numbers and units, sources, and card models.

`labels` holds every label a card shows (Korean first, the English gloss beside it),
`values` writes numbers, units and places, `cards` builds the typed cards (program, figure
row, study) from the facade's records, `answers` the answer card (a change or a series, the
figures, the passages), `years` a program's years side by side, and `plain` writes a card
as plain text (`kb answer`, the TUI's copies). The skins: kb/render.py prints the cards on
the terminal with rich (the CLI); tui/format.py turns the same cards into Textual's Text.
"""
