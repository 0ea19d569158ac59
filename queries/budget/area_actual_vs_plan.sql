-- Returns: spending per activity area in the chosen period, its share of all spending, against the planned
--          weighting (30/30/25/15), with the difference in percentage points.
--          With an area: that area's row, its share still of all spending (like its planned weight). All funders:
--          the weighting is set for the whole budget, not per funder.
-- Grain: area
-- Params: $period_start, $period_end, $area
-- Columns: area, actual, actual_share, planned_share, difference_points, is_sample
with actual as (
    select area, sum(amount_dkk)::double as actual, bool_or(is_sample) as is_sample
    from spending
    where month between $period_start and $period_end
    group by area
)

select
    w.area,
    coalesce(a.actual, 0) as actual,
    coalesce(a.actual, 0) / nullif(sum(a.actual) over (), 0) as actual_share,
    w.planned_share,
    (coalesce(a.actual, 0) / nullif(sum(a.actual) over (), 0) - w.planned_share) * 100 as difference_points,
    coalesce(a.is_sample, false) as is_sample
from activity_weights as w
left join actual as a using (area)
qualify $area is null or w.area = $area
order by w.planned_share desc, w.area asc
