-- Returns: every row of activities (an upload replaces them all), for the Data page's preview of changes.
-- Grain: activity_id
-- Params: none
-- Columns: activity_id, date, area, kind, title, cluster, region_code
SELECT activity_id, date, area, kind, title, cluster, region_code
FROM activities
ORDER BY activity_id
