-- Returns: each meeting the dashboard can compare with (the steering group's, application §6), newest first;
--          sample dates until the real ones are uploaded.
-- Grain: date, meeting
-- Params: none
-- Columns: date, meeting, title, is_sample
select date, meeting, title, is_sample
from meetings
order by date desc, meeting asc
