-- Returns: every row of activities as served, for the Data page's download of the current data (edit, upload again).
-- Grain: activity_id
-- Params: none
-- Columns: activity_id, date, area, kind, title, cluster, region_code
select activity_id, date, area, kind, title, cluster, region_code
from activities
order by activity_id
