-- Returns: every row of participations as served, for the Data page's download of the current data (edit,
--          upload again).
-- Grain: activity_id, company_id
-- Params: none
-- Columns: activity_id, company_id, persons
select activity_id, company_id, persons
from participations
order by activity_id, company_id
