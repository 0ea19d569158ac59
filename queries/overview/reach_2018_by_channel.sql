-- Returns: the application's 2018 reach table summed per channel (newsletter recipients, followers).
-- Grain: channel
-- Params: none
-- Order: channels in channel_order (_models/macros.sql), as on the Reach page.
-- Columns: channel, count, organisations, source
select channel, sum(count) as count, count(*) as organisations, string_agg(distinct source, '; ') as source
from reach
where data_origin = 'facts' and year(as_of) = 2018
group by channel
order by channel_order(channel)
