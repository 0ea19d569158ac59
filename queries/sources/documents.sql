-- Returns: the public source documents the real figures cite, as listed in data/sources/README.md.
-- Grain: file.
-- Params: none
-- Columns: file, kind, language, published, title
select file, kind, language, published, title
from documents
order by file
