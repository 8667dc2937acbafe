"""Reading news articles from files, folders and standard input.

    from gestae.ingest import read_inputs
    for item in read_inputs(["news/", "extra.jsonl", "-"]):
        ...  # an Article, or an InputProblem saying what was skipped and where

`read_inputs` is a generator: it holds one article (or one line) in memory at a time, yields
articles in input order, and never raises for bad input. Every piece it cannot use becomes an
InputProblem (origin, line, message) in the place where the piece was, and reading goes on.

Forms, chosen by extension:

- `.txt` (and any explicitly named file with another extension): one article. An optional
  header gives the publication date: `date 2019-03-13 Russian warplanes ...` (the word `date`,
  then an ISO date or datetime, then the text on the same or following lines). Without the
  header the date is None, meaning unknown. The id is the file name without extension.
- `.jsonl`: one JSON object a line with `text` and optional `id`, `date`, `title`, `url`,
  `source`; other keys are ignored. Blank lines are skipped.
- `.json`: a JSON array of such objects (read element by element), JSON Lines, or one object.
- `.csv`: a header row naming the same columns (`text` required), then one article a row.
- `.html`, `.htm`: the page's main text, title and metadata date, extracted by trafilatura.
- a directory: the files above found recursively, each folder's entries in name order;
  hidden files and folders and files of other kinds are passed over.
- `-`: standard input; JSON (as for `.json`) if its first non-blank character is `{`, else one
  text article with id `stdin`.

Rules:

- Text is kept as given so that character offsets index into `Article.text`: only the date
  header and the outer whitespace are removed, and "\\r\\n" becomes "\\n".
- `date` is an ISO calendar date or datetime; a datetime keeps the date as written. An
  impossible or malformed date makes the article a problem (never a silent unknown date).
  Dates in the future are accepted: only the user knows their corpus, and reading input should
  not depend on today's date.
- A record without `id` gets `<file stem>-<n>`, n being its line (JSONL, CSV) or its position
  (JSON array); these stay the same however often the file is read.
- Ids are unique within one call: a repeated id is kept with `~2`, `~3`... appended, and an
  InputProblem right after the article notes the renaming (the article itself is not skipped).
- One JSONL line, CSV row, JSON array element, or whole text/HTML file may be at most
  `max_record_bytes` (default 5,000,000); longer ones are skipped without being read into
  memory whole.
- Input must be UTF-8 (a byte-order mark is allowed). Missing or unreadable paths, empty files,
  binary files and text that is not UTF-8 are reported. HTML is the exception: a page in another
  encoding is decoded by trafilatura from its declared charset.
"""

from gestae.ingest.readers import DEFAULT_MAX_RECORD_BYTES, read_inputs

__all__ = ["DEFAULT_MAX_RECORD_BYTES", "read_inputs"]
