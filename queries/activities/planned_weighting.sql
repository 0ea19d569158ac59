-- Returns: the planned weighting of the four activity areas (share of effort, 0-1).
-- Grain: area
-- Params: none
-- Columns: area, planned_share, source
select area, planned_share, source
from activity_weights
order by planned_share desc, area asc
