-- Returns: each effect target with its planned value and what the participations reach so far.
-- Grain: target.
-- Params: $region, $cluster, $period_start, $period_end
-- Counting rules (filters apply to the participating company's region and cluster; activities in the period):
--   company_persons: persons summed over participations in dissemination and matchmaking activities.
--   companies_in_collaboration: distinct companies in collaboration projects.
--   companies_international_contacts: distinct companies on "deep-dive" study trips.
--   companies_internationalisation_competences: distinct companies in any internationalisation activity.
--   companies_new_research_groups, companies_regulatory_competences, consortia: not in the data (no research-
--   group, topic or consortium field yet), so reached is NULL rather than a guess.
-- Columns: target, value, unit, reached, progress, rule, source, is_sample
with p as (
    select p.company_id, p.persons, a.area, a.kind, p.is_sample or a.is_sample as is_sample
    from participations p
    join activities a using (activity_id)
    join companies c using (company_id)
    where a.date between $period_start and $period_end
      and ($region is null or c.region_code = $region)
      and ($cluster is null or c.cluster = $cluster)
),
reached(target, reached, rule, is_sample) as (
    select 'company_persons', sum(persons) filter (where area in ('dissemination', 'matchmaking')),
           'persons', bool_or(is_sample) from p
    union all select 'companies_in_collaboration', count(distinct company_id) filter (where kind = 'collaboration_project'),
           'distinct_companies', bool_or(is_sample) from p
    union all select 'companies_international_contacts', count(distinct company_id) filter (where kind = 'study_trip'),
           'distinct_companies', bool_or(is_sample) from p
    union all select 'companies_internationalisation_competences',
           count(distinct company_id) filter (where area = 'internationalisation'), 'distinct_companies',
           bool_or(is_sample) from p
)
select t.target, t.value, t.unit, r.reached, r.reached / t.value as progress, coalesce(r.rule, 'not_in_data') as rule,
       t.source, coalesce(r.is_sample, false) as is_sample
from targets t
left join reached r using (target)
