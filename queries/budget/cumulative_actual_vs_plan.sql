-- Returns: spending per month in the chosen period, cumulated from the period's start, against a linear plan
--          (the whole budget spread evenly over the 24 months of the grant); with a funder, that funder's spending
--          against that funder's own budget (the application's split) spread the same way.
-- Grain: month
-- Params: $period_start, $period_end, $funder
-- Rule: every calendar month from the period's start to the newest month with spending in the period is a row,
--       a month without spending too (actual 0), so the plan advances one month's share per calendar month.
--       No spending in the period: no rows.
-- Columns: month, actual, cumulative_actual, cumulative_plan, is_sample
with spent as (
    select date_trunc('month', month)::date as month, amount_dkk, is_sample
    from spending
    where month between $period_start and $period_end
      and ($funder is null or funder = $funder)
),

months as (  -- no spending in the period: max is NULL and the series is empty
    select unnest(generate_series(date_trunc('month', $period_start::date), (select max(month) from spent),
                                  interval 1 month))::date as month
),

monthly as (
    select m.month, coalesce(sum(s.amount_dkk), 0)::double as actual
    from months as m
    left join spent as s using (month)
    group by m.month
),

plan as (select sum(amount_dkk)::double / 24 as per_month from budget where $funder is null or funder = $funder)

select
    month,
    actual,
    sum(actual) over (order by month) as cumulative_actual,
    plan.per_month * row_number() over (order by month) as cumulative_plan,
    (select bool_or(is_sample) from spent) as is_sample
from monthly, plan
order by month
