-- Returns: the planned budget per funder (ministry, regional, private co-funding) in DKK and EUR, with its
--          share of the total DKK budget (0-1).
-- Grain: funder
-- Params: none
-- Columns: funder, amount_dkk, amount_eur, share, source
select
    funder,
    amount_dkk,
    amount_eur,
    amount_dkk / sum(amount_dkk) over () as share,
    source
from budget
order by amount_dkk desc
