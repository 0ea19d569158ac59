-- Returns: the deliverables planned for 2019-2020 with their range (planned_max is NULL for "at least").
-- Grain: deliverable.
-- Params: none
-- Columns: deliverable, area, planned_min, planned_max, source
select deliverable, area, planned_min, planned_max, source
from deliverables
