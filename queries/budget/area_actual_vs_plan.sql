-- Returns: spending per activity area in the chosen period, its share of all spending, against the planned
--          weighting (30/30/25/15), with the difference in percentage points.
-- Grain: area
-- Params: $period_start, $period_end
-- Rule: macro spending_shares (queries/_models/macros.sql), shared with budget/funder_share_actual.
-- Columns: area, actual, actual_share, planned_share, difference_points, is_sample
select code as area, actual, actual_share, planned_share, points as difference_points, is_sample
from spending_shares($period_start, $period_end)
where dimension = 'area'
order by planned_share desc, area asc
