-- Returns: every row of spending (an upload replaces them all), for the Data page's preview of changes.
-- Grain: month, funder, area
-- Params: none
-- Columns: month, funder, area, amount_dkk
SELECT month, funder, area, amount_dkk
FROM spending
ORDER BY month, funder, area
