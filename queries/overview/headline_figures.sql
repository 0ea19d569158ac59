-- Returns: the network's founding figures in one row: total budget (DKK, EUR), grant period, number of
--          clusters/networks and universities, and the 2018 newsletter + social-media reach, with sources.
-- Grain: one row
-- Params: none
-- Columns: budget_dkk, budget_eur, period_start, period_end, organisations, universities, reach_2018, sources
with budget_total as (
    select sum(amount_dkk) as budget_dkk, sum(amount_eur) as budget_eur, string_agg(distinct source, '; ') as src
    from budget
),

period as (
    select min(period_start) as period_start, max(period_end) as period_end, string_agg(distinct source, '; ') as src
    from "grant"
),

orgs as (
    select count(*) as organisations, string_agg(distinct source, '; ') as src from clusters
),

unis as (
    select count(*) filter (where kind = 'university') as universities, string_agg(distinct source, '; ') as src
    from knowledge_partners
),

reach_2018 as (
    -- Real rows only: the application's table (2018); later snapshots are sample data.
    select sum(count) as reach_2018, string_agg(distinct source, '; ') as src
    from reach
    where data_origin = 'facts' and year(as_of) = 2018
)

select
    budget_dkk, budget_eur, period_start, period_end, organisations, universities, reach_2018,
    array_to_string(list_sort(list_distinct(string_split(
        concat_ws('; ', budget_total.src, period.src, orgs.src, unis.src, reach_2018.src), '; '))), '; ') as sources
from budget_total, period, orgs, unis, reach_2018
