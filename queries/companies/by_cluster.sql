-- Returns: companies per cluster/network in the sample register, narrowed by the filters.
-- Grain: cluster
-- Params: $region, $cluster, $municipality
-- Columns: cluster, companies, is_sample
select cluster, count(*) as companies, bool_or(is_sample) as is_sample
from companies
where ($region is null or region_code = $region)
  and ($cluster is null or cluster = $cluster)
  and ($municipality is null or municipality_code = $municipality)
group by cluster
order by companies desc, cluster asc
