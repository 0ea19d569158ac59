-- Returns: every registered dataset with its row count, how many of those rows are sample data, and the
--          source documents its rows cite. One branch per view; tests check every registry dataset is here.
-- Grain: dataset
-- Params: none
-- Columns: dataset, row_count, sample_rows, sources
select 'budget' as dataset, count(*) as row_count, count(*) filter (where is_sample) as sample_rows,
       string_agg(distinct source, '; ') as sources from budget
union all select 'activity_weights', count(*), count(*) filter (where is_sample), string_agg(distinct source, '; ')
          from activity_weights
union all select 'targets', count(*), count(*) filter (where is_sample), string_agg(distinct source, '; ') from targets
union all select 'clusters', count(*), count(*) filter (where is_sample), string_agg(distinct source, '; ')
          from clusters
union all select 'reach', count(*), count(*) filter (where is_sample), string_agg(distinct source, '; ') from reach
union all select 'companies', count(*), count(*) filter (where is_sample), null from companies
union all select 'activities', count(*), count(*) filter (where is_sample), null from activities
union all select 'participations', count(*), count(*) filter (where is_sample), null from participations
union all select 'spending', count(*), count(*) filter (where is_sample), null from spending
union all select 'meetings', count(*), count(*) filter (where is_sample), null from meetings
union all select 'grant', count(*), count(*) filter (where is_sample), string_agg(distinct source, '; ') from "grant"
union all select 'previous_funding', count(*), count(*) filter (where is_sample), string_agg(distinct source, '; ')
          from previous_funding
union all select 'deliverables', count(*), count(*) filter (where is_sample), string_agg(distinct source, '; ')
          from deliverables
union all select 'knowledge_partners', count(*), count(*) filter (where is_sample), string_agg(distinct source, '; ')
          from knowledge_partners
union all select 'network_figures', count(*), count(*) filter (where is_sample), string_agg(distinct source, '; ')
          from network_figures
union all select 'municipalities', count(*), count(*) filter (where is_sample), 'data/geo/SOURCE.md' from municipalities
union all select 'documents', count(*), count(*) filter (where is_sample), string_agg(distinct source, '; ')
          from documents
