"""Read a file a user uploads (CSV or XLSX) into a validated frame of one registered dataset.

Danish Excel exports are the normal case: `;` separator, decimal comma, thousands dot, cp1252 or UTF-8
(with or without BOM), CRLF, day-first dates and Danish headers. English conventions work too. The
conventions are decided once per file, never per cell:

- encoding: UTF-8 BOM → UTF-8; UTF-16 BOM → UTF-16; else strict UTF-8, else cp1252 (Mac Roman when lines
  end with CR alone: Excel for Mac's "CSV (Macintosh)"). UTF-8 that was read as cp1252 and saved again
  ("Ã¸" for "ø") is refused: the names in it are already broken.
- separator: the one of `;`, `,`, tab under which the header row names the most known columns (an Excel
  `sep=;` first line is honoured).
- numbers: Danish (`1.234,5`) or English (`1,234.5`), from the cells that only one convention can read;
  when every cell reads either way (`1.700`), `;`-separated or Danish-headed files are Danish.
- dates: ISO (`2020-06-30`) or day first (`30-06-2020`, `30.06.2020`, `30/06/2020`); never month first.

Everything that cannot be read right is a `Problem` at a spreadsheet position (row as a spreadsheet shows
it, header = 1; column as the file names it), with a Danish and an English message. A file with any
problem gives no frame: nothing half-read reaches the store. A totals row (`I alt`, `Total`, `Sum`) is
dropped and reported as a notice, so it can never double a sum.

The package, by job: `sniff` (encoding, separator, number convention), `read` (CSV/XLSX -> rows -> validated
frame), `cells` (numbers, dates, codes, places), `vocabulary` (Danish aliases and labels), `report` (`Problem`,
`Result`). Callers use the names re-exported here.
"""

from healthtech.datasets import UPLOADABLE
from healthtech.ingest.read import (
    EXCEL_EXTENSIONS,
    MAX_BYTES,
    TEXT_EXTENSIONS,
    read_bytes,
    read_path,
    write_normalized,
)
from healthtech.ingest.report import Problem, Result
from healthtech.ingest.vocabulary import CODE_ALIASES, LABEL_NAMESPACES

__all__ = ["CODE_ALIASES", "EXCEL_EXTENSIONS", "LABEL_NAMESPACES", "MAX_BYTES", "TEXT_EXTENSIONS", "UPLOADABLE",
           "Problem", "Result", "read_bytes", "read_path", "write_normalized"]
