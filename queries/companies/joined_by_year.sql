-- Returns: companies that joined per year and the running total, narrowed by the filters.
-- Grain: year
-- Params: $region, $cluster, $municipality
-- Columns: year, joined, cumulative, is_sample
select year(joined_on) as year, count(*) as joined,
       sum(count(*)) over (order by year(joined_on)) as cumulative, bool_or(is_sample) as is_sample
from companies
where ($region is null or region_code = $region)
  and ($cluster is null or cluster = $cluster)
  and ($municipality is null or municipality_code = $municipality)
group by year(joined_on)
order by year
