-- Returns: the Budget page's key figures for the chosen period, in one row: the spending so far (to the newest
--          month with spending), the plan for the same months, the spending against the plan (0.05 = 5 % over)
--          and how many funders' shares drift more than 5 points from their planned share.
-- Grain: one row
-- Params: $period_start, $period_end, $funder
-- Rule: the newest month of budget/cumulative_actual_vs_plan and the drifted rows of budget/funder_share_actual
--       (macros spending_vs_plan and funder_shares in queries/_models/macros.sql). No spending in the period:
--       NULL figures.
-- Columns: actual, planned, against_plan, funders_drifted, is_sample
with newest as (
    select
        arg_max(cumulative_actual, month) as actual,
        arg_max(cumulative_plan, month) as planned,
        coalesce(bool_or(is_sample), false) as is_sample
    from spending_vs_plan($period_start, $period_end, $funder)
)

select
    n.actual,
    n.planned,
    n.actual / n.planned - 1 as against_plan,
    (
        select count(*) from funder_shares($period_start, $period_end)
        where drifted and ($funder is null or funder = $funder)
    ) as funders_drifted,
    n.is_sample
from newest as n
