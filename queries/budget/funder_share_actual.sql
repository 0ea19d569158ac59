-- Returns: each funder's share of the spending so far in the chosen period against its planned share of the
--          budget (50/10/40), the drift in percentage points and whether it exceeds 5 points.
-- Grain: funder
-- Params: $period_start, $period_end
-- Rule: macro spending_shares (queries/_models/macros.sql), shared with budget/area_actual_vs_plan and
--       budget/spending_so_far.
-- Columns: funder, actual, actual_share, planned_share, drift_points, drifted, is_sample
select
    code as funder,
    actual,
    actual_share,
    planned_share,
    points as drift_points,
    drifted,
    is_sample
from spending_shares($period_start, $period_end)
where dimension = 'funder'
order by planned_share desc
