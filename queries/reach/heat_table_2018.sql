-- Returns: the application's 2018 reach table as the application prints it: one row per organisation, one
--          column per channel, a total per row and a total row (organisation = 'total'). Real figures.
-- Grain: organisation
-- Params: $region, $cluster, $channel
-- Filters: reach_of (queries/_models/macros.sql), as in table_2018.
-- Columns: organisation, newsletter, linkedin_group, linkedin_page, twitter, total
select
    coalesce(r.organisation, 'total') as organisation,
    sum(r.count) filter (where r.channel = 'newsletter') as newsletter,
    sum(r.count) filter (where r.channel = 'linkedin_group') as linkedin_group,
    sum(r.count) filter (where r.channel = 'linkedin_page') as linkedin_page,
    sum(r.count) filter (where r.channel = 'twitter') as twitter,
    sum(r.count) as total
from reach_of($region, $cluster, $channel) as r
where r.data_origin = 'facts' and year(r.as_of) = 2018
group by rollup (r.organisation)
order by grouping(r.organisation), total desc
