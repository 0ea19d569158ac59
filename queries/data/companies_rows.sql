-- Returns: every row of companies as served, for the Data page's download of the current data (edit, upload again).
-- Grain: company_id
-- Params: none
-- Columns: company_id, name, cvr, municipality_code, region_code, cluster, employees, membership, joined_on
SELECT company_id, name, cvr, municipality_code, region_code, cluster, employees, membership, joined_on
FROM companies
ORDER BY company_id
