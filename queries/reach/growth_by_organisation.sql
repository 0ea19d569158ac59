-- Returns: growth per organisation since the 2018 baseline: the real 2018 count, the newest snapshot on or before
--          the end of the chosen period, the change and the change in % of the baseline.
-- Grain: organisation
-- Params: $region, $cluster, $channel, $period_end
-- Rule: the baseline is always the application's 2018 table; the period only picks the newest snapshot
--       (macro reach_growth in queries/_models/macros.sql, shared with growth_by_channel).
-- Columns: organisation, baseline, latest, latest_as_of, change, change_pct, is_sample
select organisation, baseline, latest, latest_as_of, change, change_pct, is_sample
from reach_growth($region, $cluster, $channel, $period_end)
where per_organisation
order by latest desc
