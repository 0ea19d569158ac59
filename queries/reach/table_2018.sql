-- Returns: the application's 2018 reach table (real figures), one row per organisation and channel.
-- Grain: organisation x channel.
-- Params: $region, $cluster
-- Filters: $cluster keeps that organisation's channels; $region keeps organisations whose home region it is.
-- Columns: organisation, channel, count, source
select r.organisation, r.channel, r.count, r.source
from reach r
join clusters c on c.short = r.organisation
where not r.is_sample and year(r.as_of) = 2018
  and ($cluster is null or r.organisation = $cluster)
  and ($region is null or c.region_code = $region)
order by r.channel, r.count desc
