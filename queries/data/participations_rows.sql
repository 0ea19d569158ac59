-- Returns: every row of participations as served, for the Data page's download of the current data (edit, upload again).
-- Grain: activity_id, company_id
-- Params: none
-- Columns: activity_id, company_id, persons
SELECT activity_id, company_id, persons
FROM participations
ORDER BY activity_id, company_id
