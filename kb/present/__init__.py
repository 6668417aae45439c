"""The presentation both faces share: labels, numbers and units, sources, and card models.

`labels` gives every label a card shows in the language in use (the words are the
catalogue's, kb/i18n/output.py), `values` writes numbers, units, dates and places as Korean
documents do (`70,000천원`, `405행`, `2019. 9. 30. 기준`; English: `p.12`, `line 405`),
`cards` builds the typed cards (program, figure row, study) from the facade's records,
`answers` the answer card (a change or a series, the figures, the passages), `years` a
program's years side by side, and `plain` writes a card as plain text (`kb answer`, the
TUI's copies). The skins: kb/render.py prints the cards on the terminal with rich (the
CLI); tui/format.py turns the same cards into Textual's Text.
"""
