-- Returns: co-funding raised by the two merged innovation networks in their previous grant period
--          (2014-07-01 to 2017-12-31), for context only: it is not part of Danish Healthtech's budget.
-- Grain: organisation, funder
-- Params: none
-- Columns: organisation, funder, amount_dkk, period_start, period_end, source
select organisation, funder, amount_dkk, period_start, period_end, source
from previous_funding
order by funder asc, amount_dkk desc
