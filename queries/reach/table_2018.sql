-- Returns: the application's 2018 reach table (real figures), one row per organisation and channel.
-- Grain: organisation, channel
-- Params: $region, $cluster, $channel
-- Filters: reach_of (queries/_models/macros.sql): $cluster keeps that organisation's channels; $region keeps
--          organisations whose home region it is.
-- Order: channels in channel_order (_models/macros.sql), the same on every card, chart and table.
-- Columns: organisation, channel, count, source
select r.organisation, r.channel, r.count, r.source
from reach_of($region, $cluster, $channel) as r
where r.data_origin = 'facts' and year(r.as_of) = 2018
order by channel_order(r.channel), r.count desc
