-- Returns: each funder's share of the spending so far in the chosen period against its planned share of the
--          budget (50/10/40), the drift in percentage points and whether it exceeds 5 points.
--          With a funder: that funder's row, its share still of all spending (like its planned share of the budget).
-- Grain: funder
-- Params: $period_start, $period_end, $funder
-- Rule: macro funder_shares (queries/_models/macros.sql), shared with budget/spending_so_far.
-- Columns: funder, actual, actual_share, planned_share, drift_points, drifted, is_sample
select funder, actual, actual_share, planned_share, drift_points, drifted, is_sample
from funder_shares($period_start, $period_end)
where $funder is null or funder = $funder
order by planned_share desc
