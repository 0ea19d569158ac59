-- Returns: each cluster and merged innovation network with the number of companies its own documents state,
--          on the basis stated (members, dedicated, worked with), and how the source qualifies the number
--          (CHC: "mere end 100" = more_than). The bases differ and overlap: never summed.
-- Grain: organisation
-- Params: none
-- Columns: short, organisation, kind, region_code, companies_stated, companies_qualifier, companies_basis, source
select short, organisation, kind, region_code, companies_stated, companies_qualifier, companies_basis, source
from clusters
order by kind asc, companies_stated desc
