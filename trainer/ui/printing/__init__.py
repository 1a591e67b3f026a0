"""Printing: worksheets and the class report as PDF or on a printer (issue 12 items 4–5).

The command line imports this package only inside the commands that write a PDF, so that
`trainer --help`, `trainer score` and a class report without --pdf never load Qt.
"""
