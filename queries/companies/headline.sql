-- Returns: the company register narrowed by the filters, in one row: companies, paying members, companies
--          with 1-10 employees and their share of the companies (NULL without companies), municipalities with at
--          least one company, and whether any row is sample.
-- Grain: one row
-- Params: $region, $cluster, $municipality
-- Columns: companies, paying, small, share_small, municipalities, is_sample
select
    count(*) as companies,
    count(*) filter (where membership = 'paying') as paying,
    count(*) filter (where employees between 1 and 10) as small,
    count(*) filter (where employees between 1 and 10) / nullif(count(*), 0) as share_small,
    count(distinct municipality_code) as municipalities,
    coalesce(bool_or(is_sample), false) as is_sample
from companies
where ($region is null or region_code = $region)
  and ($cluster is null or cluster = $cluster)
  and ($municipality is null or municipality_code = $municipality)
