-- Returns: the companies themselves, narrowed by the filters and the chosen municipality, with place names: the
--          first 1,000 by name (a browser table of a million rows helps nobody; the page gives the full count).
-- Grain: company_id
-- Params: $region, $cluster, $municipality
-- Columns: name, cvr, municipality, region_code, cluster, employees, membership, joined_on, company_id, is_sample
select c.name, c.cvr, m.name as municipality, c.region_code, c.cluster, c.employees, c.membership, c.joined_on,
       c.company_id, c.is_sample
from companies as c
left join municipalities as m on m.kommune_code = c.municipality_code
where ($region is null or c.region_code = $region)
  and ($cluster is null or c.cluster = $cluster)
  and ($municipality is null or c.municipality_code = $municipality)
order by c.name, c.company_id
limit 1000
