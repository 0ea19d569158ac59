-- Returns: every reach channel in the data (the application's four and any the network added), in the
--          application's channel order, then by name: the sidebar's channel filter and its URL parser.
-- Grain: channel
-- Params: none
-- Columns: channel
select distinct channel
from reach
order by channel_order(channel) nulls last, channel
