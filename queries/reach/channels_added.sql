-- Returns: the channels on the reach timeline (reach/by_channel_over_time) that the application's 2018 table does
--          not have, channels the network added later (Facebook, ...), as one list in the order they first appear
--          (empty when there are none).
-- Grain: one row
-- Params: $region, $cluster, $channel, $period_end
-- Filters: reach_timeline (queries/_models/macros.sql), as in by_channel_over_time.
-- Columns: channels
with timeline as (
    select channel, min(as_of) as first_as_of, bool_or(year(as_of) = 2018) as in_2018
    from reach_timeline($region, $cluster, $channel, $period_end)
    group by channel
)

select
    coalesce(
        list(channel order by first_as_of, channel_order(channel), channel) filter (where not in_2018), []::varchar[]
    ) as channels
from timeline
