-- Returns: the application's 2018 reach per channel (real), summed over the organisations the filters keep, with
--          the sum over all channels beside it: the Reach page's key figures.
-- Grain: channel
-- Params: $region, $cluster, $channel
-- Filters: reach_of (queries/_models/macros.sql), as in table_2018.
-- Order: channels in channel_order (_models/macros.sql).
-- Columns: channel, count, all_channels
select r.channel, sum(r.count) as count, sum(sum(r.count)) over () as all_channels
from reach_of($region, $cluster, $channel) as r
where r.data_origin = 'facts' and year(r.as_of) = 2018
group by r.channel
order by channel_order(r.channel)
