-- Returns: every row of companies as served, for the Data page's download of the current data (edit, upload again).
-- Grain: company_id
-- Params: none
-- Columns: company_id, name, cvr, municipality_code, region_code, cluster, employees, membership, joined_on
select company_id, name, cvr, municipality_code, region_code, cluster, employees, membership, joined_on
from companies
order by company_id
