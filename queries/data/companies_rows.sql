-- Returns: every row of companies (an upload replaces them all), for the Data page's preview of changes.
-- Grain: company_id
-- Params: none
-- Columns: company_id, name, cvr, municipality_code, region_code, cluster, employees, membership, joined_on
SELECT company_id, name, cvr, municipality_code, region_code, cluster, employees, membership, joined_on
FROM companies
ORDER BY company_id
