-- Returns: companies per size band (employees 1-10, 11-49, 50-249, 250+), narrowed by the filters.
-- Grain: size_band
-- Params: $region, $cluster, $municipality
-- Columns: size_band, companies, share, is_sample
with banded as (
    select case when employees <= 10 then '1-10' when employees <= 49 then '11-49'
                when employees <= 249 then '50-249' else '250+' end as size_band,
           is_sample
    from companies
    where ($region is null or region_code = $region)
      and ($cluster is null or cluster = $cluster)
      and ($municipality is null or municipality_code = $municipality)
)

select size_band, count(*) as companies, count(*) / sum(count(*)) over () as share, bool_or(is_sample) as is_sample
from banded
group by size_band
order by min(case size_band when '1-10' then 1 when '11-49' then 2 when '50-249' then 3 else 4 end)
