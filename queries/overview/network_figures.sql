-- Returns: network-wide company figures from the application (companies listed, interest, paying members,
--          share with 1-10 employees, companies in the sector).
-- Grain: figure.
-- Params: none
-- Columns: figure, value, unit, source
select figure, value, unit, source
from network_figures
