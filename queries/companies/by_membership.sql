-- Returns: companies per kind of membership (paying member, dedicated, expressed interest), narrowed by the filters.
-- Grain: membership
-- Params: $region, $cluster, $municipality
-- Columns: membership, companies, is_sample
select membership, count(*) as companies, bool_or(is_sample) as is_sample
from companies
where ($region is null or region_code = $region)
  and ($cluster is null or cluster = $cluster)
  and ($municipality is null or municipality_code = $municipality)
group by membership
order by companies desc
