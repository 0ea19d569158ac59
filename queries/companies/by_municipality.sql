-- Returns: companies per municipality (all 98, 0 where the filters leave none), with name and region, for the
--          municipality map layer. The municipality filter leaves that municipality's companies only.
-- Grain: kommune_code
-- Params: $region, $cluster, $municipality
-- Columns: kommune_code, name, region_code, companies, is_sample
select m.kommune_code, m.name, m.region_code, count(c.company_id) as companies,
       coalesce(bool_or(c.is_sample), false) as is_sample
from municipalities as m
left join companies as c
  on c.municipality_code = m.kommune_code
 and ($region is null or c.region_code = $region)
 and ($cluster is null or c.cluster = $cluster)
 and ($municipality is null or c.municipality_code = $municipality)
group by m.kommune_code, m.name, m.region_code
order by m.kommune_code
