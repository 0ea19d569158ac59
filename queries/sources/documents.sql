-- Returns: the public source documents the real figures cite (the document registry): what each is, who published
--          it and when, and how a citation names it.
-- Grain: file
-- Params: none
-- Columns: file, id, kind, language, published, publisher, title, short_title_da, short_title_en
select file, id, kind, language, published, publisher, title, short_title_da, short_title_en
from documents
order by file
