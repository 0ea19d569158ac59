-- Returns: reach per channel at each snapshot up to the end of the chosen period: the real 2018 table, then
--          the later (sample) snapshots.
-- Grain: as_of x channel.
-- Params: $region, $cluster, $period_end
-- Columns: as_of, channel, count, is_sample
select r.as_of, r.channel, sum(r.count) as count, bool_or(r.is_sample) as is_sample
from reach r
join clusters c on c.short = r.organisation
where r.as_of <= $period_end
  and ($cluster is null or r.organisation = $cluster)
  and ($region is null or c.region_code = $region)
group by r.as_of, r.channel
order by r.as_of, r.channel
