-- Returns: per activity area the planned weighting, the realised share of spending (network-wide: spending has
--          no region) and the realised share of activities held (narrowed by region and cluster of the organiser).
-- Grain: area.
-- Params: $region, $cluster, $period_start, $period_end
-- Columns: area, planned_share, spend_share, activity_share, activities, is_sample
with spend as (
    select area, sum(amount_dkk)::double as amount, bool_or(is_sample) as is_sample
    from spending where month between $period_start and $period_end group by area
),
held as (
    select area, count(*) as activities, bool_or(is_sample) as is_sample
    from activities
    where date between $period_start and $period_end
      and ($region is null or region_code = $region)
      and ($cluster is null or cluster = $cluster)
    group by area
)
select
    w.area,
    w.planned_share,
    s.amount / nullif(sum(s.amount) over (), 0) as spend_share,
    coalesce(h.activities, 0) / nullif(sum(coalesce(h.activities, 0)) over (), 0) as activity_share,
    coalesce(h.activities, 0) as activities,
    coalesce(s.is_sample, false) or coalesce(h.is_sample, false) as is_sample
from activity_weights w
left join spend s using (area)
left join held h using (area)
order by w.planned_share desc, w.area
