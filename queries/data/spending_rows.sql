-- Returns: every row of spending as served, for the Data page's download of the current data (edit, upload again).
-- Grain: month, funder, area
-- Params: none
-- Columns: month, funder, area, amount_dkk
select month, funder, area, amount_dkk
from spending
order by month, funder, area
