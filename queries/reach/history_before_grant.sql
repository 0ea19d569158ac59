-- Returns: reach before the grant period began (1 Dec 2018): the application's 2018 table (baseline = true,
--          real) and uploaded history dated before the grant (baseline = false), such as a channel's counts
--          from 2017. Uploaded rows are shown beside the 2018 table, never counted as the baseline.
-- Grain: as_of, organisation, channel
-- Params: $region, $cluster, $channel
-- Filters: reach_of (queries/_models/macros.sql), as in table_2018.
-- Columns: as_of, organisation, channel, count, source, baseline, is_sample
select r.as_of, r.organisation, r.channel, r.count, r.source,
       r.data_origin = 'facts' and year(r.as_of) = 2018 as baseline, r.is_sample
from reach_of($region, $cluster, $channel) as r
where r.as_of < (select min(period_start) from "grant")
order by r.as_of, r.organisation, r.channel
