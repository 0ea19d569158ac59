-- Returns: companies per region (all five regions, 0 where the filters leave none), for the region map and chart.
--          The municipality filter narrows it too (to that municipality's companies), like the rest of the page.
-- Grain: region_code
-- Params: $region, $cluster, $municipality
-- Columns: region_code, companies, is_sample
with regions as (select distinct region_code from municipalities)

select r.region_code, count(c.company_id) as companies, coalesce(bool_or(c.is_sample), false) as is_sample
from regions as r
left join companies as c
  on c.region_code = r.region_code
 and ($region is null or c.region_code = $region)
 and ($cluster is null or c.cluster = $cluster)
 and ($municipality is null or c.municipality_code = $municipality)
group by r.region_code
order by r.region_code
