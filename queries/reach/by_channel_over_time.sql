-- Returns: reach per channel at each snapshot up to the end of the chosen period: the real 2018 table, then
--          the later (sample) snapshots.
-- Grain: as_of, channel
-- Params: $region, $cluster, $channel, $period_end
-- Filters: reach_timeline (queries/_models/macros.sql) keeps the organisations the region and cluster filters
--          select, the 2018 table and the snapshots from the grant's start up to $period_end.
-- Order: channels in channel_order (_models/macros.sql).
-- Rule: uploaded rows dated before the grant period are pre-grant history (reach/history_before_grant), not here.
--       A channel the network added (Facebook, ...) is a line of its own under the name it was uploaded with.
-- Columns: as_of, channel, count, is_sample
select as_of, channel, sum(count) as count, bool_or(is_sample) as is_sample
from reach_timeline($region, $cluster, $channel, $period_end)
group by as_of, channel
order by as_of, channel_order(channel), channel
