-- Returns: every row of participations (an upload replaces them all), for the Data page's preview of changes.
-- Grain: activity_id, company_id
-- Params: none
-- Columns: activity_id, company_id, persons
SELECT activity_id, company_id, persons
FROM participations
ORDER BY activity_id, company_id
