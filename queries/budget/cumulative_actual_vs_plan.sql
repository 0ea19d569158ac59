-- Returns: spending per month in the chosen period, cumulated from the period's start, against a linear plan
--          (the whole budget spread evenly over the 24 months of the grant).
-- Grain: month.
-- Params: $period_start, $period_end
-- Columns: month, actual, cumulative_actual, cumulative_plan, is_sample
with monthly as (
    select month, sum(amount_dkk)::double as actual, bool_or(is_sample) as is_sample
    from spending
    where month between $period_start and $period_end
    group by month
),
plan as (select sum(amount_dkk)::double / 24 as per_month from budget)
select
    month,
    actual,
    sum(actual) over (order by month) as cumulative_actual,
    plan.per_month * row_number() over (order by month) as cumulative_plan,
    is_sample
from monthly, plan
order by month
