-- Returns: growth per channel since the 2018 baseline: the real 2018 count, the newest snapshot on or before
--          the end of the chosen period, the change and the change in % of the baseline.
-- Grain: channel
-- Params: $region, $cluster, $channel, $period_end
-- Rule: the baseline is always the application's 2018 table; the period only picks the newest snapshot
--       (macro reach_growth in queries/_models/macros.sql, shared with growth_by_organisation).
-- Order: channels in channel_order (_models/macros.sql).
-- Columns: channel, baseline, latest, latest_as_of, change, change_pct, is_sample
select channel, baseline, latest, latest_as_of, change, change_pct, is_sample
from reach_growth($region, $cluster, $channel, $period_end)
where not per_organisation
order by channel_order(channel)
