-- Returns: every row of meetings as served, for the Data page's download of the current data (edit, upload again).
-- Grain: date, meeting
-- Params: none
-- Columns: date, meeting, title
select date, meeting, title
from meetings
order by date, meeting
