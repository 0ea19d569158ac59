-- Returns: each funder's share of the spending so far in the chosen period against its planned share of the
--          budget (50/10/40), the drift in percentage points and whether it exceeds 5 points.
--          With a funder: that funder's row, its share still of all spending (like its planned share of the budget).
-- Grain: funder
-- Params: $period_start, $period_end, $funder
-- Columns: funder, actual, actual_share, planned_share, drift_points, drifted, is_sample
with actual as (
    select funder, sum(amount_dkk)::double as actual, bool_or(is_sample) as is_sample
    from spending
    where month between $period_start and $period_end
    group by funder
),

planned as (select funder, amount_dkk / sum(amount_dkk) over () as planned_share from budget)

select
    p.funder,
    coalesce(a.actual, 0) as actual,
    coalesce(a.actual, 0) / nullif(sum(a.actual) over (), 0) as actual_share,
    p.planned_share,
    (coalesce(a.actual, 0) / nullif(sum(a.actual) over (), 0) - p.planned_share) * 100 as drift_points,
    -- Rounded before comparing: an exact 5-percentage-point drift must not become 5.0000001 > 5 in floating point.
    round(abs(coalesce(a.actual, 0) / nullif(sum(a.actual) over (), 0) - p.planned_share) * 100, 6) > 5 as drifted,
    coalesce(a.is_sample, false) as is_sample
from planned as p
left join actual as a using (funder)
qualify $funder is null or p.funder = $funder
order by p.planned_share desc
