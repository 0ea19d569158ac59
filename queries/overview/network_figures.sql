-- Returns: network-wide company figures from the application (companies listed, interest, paying members,
--          share with 1-10 employees, companies in the sector, companies worked with in 2017), each with how the
--          source qualifies it ("knap 900" = almost, "over 800" = over).
-- Grain: figure
-- Params: none
-- Columns: figure, value, qualifier, unit, source
select figure, value, qualifier, unit, source
from network_figures
