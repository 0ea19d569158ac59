-- Returns: growth per organisation since the 2018 baseline: the real 2018 count, the newest snapshot on or before
--          the end of the chosen period, the change and the change in % of the baseline.
-- Grain: organisation.
-- Params: $region, $cluster, $period_end
-- Rule: the baseline is always the application's 2018 table; the period only picks the newest snapshot.
-- Columns: organisation, baseline, latest, latest_as_of, change, change_pct, is_sample
with filtered as (
    select r.*
    from reach r
    join clusters c on c.short = r.organisation
    where r.as_of <= $period_end
      and ($cluster is null or r.organisation = $cluster)
      and ($region is null or c.region_code = $region)
),
newest as (select max(as_of) as as_of from filtered),
base as (
    select organisation, sum(count) as baseline from filtered where not is_sample and year(as_of) = 2018 group by organisation
),
latest as (
    select organisation, sum(count) as latest, any_value(f.as_of) as latest_as_of, bool_or(is_sample) as is_sample
    from filtered f join newest n on f.as_of = n.as_of
    group by organisation
)
select b.organisation, b.baseline, l.latest, l.latest_as_of, l.latest - b.baseline as change,
       (l.latest - b.baseline) / b.baseline as change_pct, l.is_sample
from base b
join latest l using (organisation)
order by l.latest desc
