-- Returns: spending per month in the chosen period, cumulated from the period's start, against a linear plan
--          (the whole budget spread evenly over the 24 months of the grant); with a funder, that funder's spending
--          against that funder's own budget (the application's split) spread the same way.
-- Grain: month
-- Params: $period_start, $period_end, $funder
-- Rule: every calendar month from the period's start to the newest month with spending in the period is a row,
--       a month without spending too (actual 0), so the plan advances one month's share per calendar month.
--       No spending in the period: no rows. Macro spending_vs_plan (queries/_models/macros.sql), shared with
--       budget/spending_so_far.
-- Columns: month, actual, cumulative_actual, cumulative_plan, is_sample
select month, actual, cumulative_actual, cumulative_plan, is_sample
from spending_vs_plan($period_start, $period_end, $funder)
order by month
