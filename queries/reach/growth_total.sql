-- Returns: growth since the 2018 baseline summed over the channels of reach/growth_by_channel, in one row: the
--          baseline, the newest count, the change, the change in % of the baseline and the newest snapshot's date.
-- Grain: one row
-- Params: $region, $cluster, $channel, $period_end
-- Rule: the sums of reach/growth_by_channel's rows (macro reach_growth in queries/_models/macros.sql), so a channel
--       without a baseline or a newest count is left out of both. No rows there: NULL figures.
-- Columns: baseline, latest, change, change_pct, latest_as_of, is_sample
select
    sum(baseline) as baseline,
    sum(latest) as latest,
    sum(latest) - sum(baseline) as change,
    (sum(latest) - sum(baseline)) / sum(baseline) as change_pct,
    max(latest_as_of) as latest_as_of,
    coalesce(bool_or(is_sample), false) as is_sample
from reach_growth($region, $cluster, $channel, $period_end)
where not per_organisation
