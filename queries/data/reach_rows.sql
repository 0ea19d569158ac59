-- Returns: the reach rows an upload merges with: sample and earlier uploaded snapshots, not the seed figures
--          (seed rows stay; an uploaded row with a seed row's key gives way to it in the view).
-- Grain: organisation, channel, as_of
-- Params: none
-- Columns: organisation, channel, count, as_of, source
select organisation, channel, count, as_of, source
from reach
where data_origin <> 'facts'
order by organisation, channel, as_of
