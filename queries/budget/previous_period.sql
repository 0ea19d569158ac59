-- Returns: the previous grant period of the two merged innovation networks, in one row: the earliest start and
--          the latest end over the co-funding rows of budget/previous_period_cofunding (real, from the seeds).
-- Grain: one row
-- Params: none
-- Columns: period_start, period_end
select min(period_start) as period_start, max(period_end) as period_end
from previous_funding
