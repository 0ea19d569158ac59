-- Returns: reach per channel at each snapshot up to the end of the chosen period: the real 2018 table, then
--          the later (sample) snapshots.
-- Grain: as_of x channel.
-- Params: $region, $cluster, $period_end
-- Filters: reach_of (healthtech/macros.sql) keeps the organisations the region and cluster filters select.
-- Order: channels in channel_order (macros.sql).
-- Columns: as_of, channel, count, is_sample
select as_of, channel, sum(count) as count, bool_or(is_sample) as is_sample
from reach_of($region, $cluster)
where as_of <= $period_end
group by as_of, channel
order by as_of, channel_order(channel)
