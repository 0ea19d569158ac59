-- Returns: per activity area the number of activities held in the period by organisers in the chosen region and
--          cluster, and its share of all activities held. A count, not an effort: a conference and a newsletter
--          count one each, so these shares are never set against the planned weighting (share of effort/budget).
--          With an area: that area's row, its share still of all activities held.
-- Grain: area
-- Params: $region, $cluster, $period_start, $period_end, $area
-- Columns: area, activities, activity_share, is_sample
with held as (
    select area, count(*) as activities, bool_or(is_sample) as is_sample
    from activities_held($region, $cluster, $period_start, $period_end)  -- queries/_models/macros.sql
    group by area
)

select
    w.area,
    coalesce(h.activities, 0) as activities,
    coalesce(h.activities, 0) / nullif(sum(coalesce(h.activities, 0)) over (), 0) as activity_share,
    coalesce(h.is_sample, false) as is_sample
from activity_weights as w
left join held as h using (area)
qualify $area is null or w.area = $area
order by w.planned_share desc, w.area asc
