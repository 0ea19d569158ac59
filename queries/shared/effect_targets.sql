-- Returns: the effect targets for 2019-2020 as the application states them, in its order.
-- Grain: target
-- Params: none
-- Columns: target, value, unit, source
select target, value, unit, source
from targets
