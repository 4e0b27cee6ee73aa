"""The read side of the search pages (/findings/, /letters/, their API, exports and feeds), one job per module:

- registry.py     the facets, declared once (URL parameter, column, labels, order), read by everything below and by
                  the FilterSets (letters/filters.py)
- selection.py    what the URL selects as database values, and its meaning as SQL conditions
- statement.py    the one SQL statement: facet counts and the page of hits over the matching rows
- counting.py     where a facet is counted: stored counts, the count tables, or the statement
- facet_rows.py   the counts as rows {value, label, count, selected, toggle_url}
- paging.py       ordering and pagination
- hit_rows.py     a page of hits read by its ids, with the letters, councils and frameworks the hits print
- search_page.py  where a search page is built (and the filtered, ordered rows the exports and feeds stream)
"""
