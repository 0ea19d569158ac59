-- Returns: each effect target with its planned value and what the participations reach so far.
-- Grain: target
-- Params: $region, $cluster, $period_start, $period_end
-- Counting rules (filters apply to the participating company's region and cluster; activities in the period):
--   company_persons: persons summed over participations in dissemination and matchmaking activities.
--   companies_in_collaboration: distinct companies in collaboration projects.
--   companies_international_contacts: distinct companies on "deep-dive" study trips.
--   companies_internationalisation_competences: distinct companies in any internationalisation activity.
--   companies_new_research_groups, companies_regulatory_competences, consortia: not in the data (no research-
--   group, topic or consortium field yet), so reached is NULL rather than a guess.
-- Reads the pre-aggregated tables of queries/_models/derived.sql (participation_groups, participation_companies,
--   activity_keys): the same rows as joining participations, activities and companies, at a grain that does not
--   grow with the number of participations.
-- Columns: target, value, unit, reached, progress, rule, source, is_sample
with acts as (  -- activities held in the period
    select activity_id, area, kind, is_sample from activities where date between $period_start and $period_end
),

groups as (  -- persons per activity x company region x cluster, narrowed by the filters
    select g.persons, a.area, g.is_sample or a.is_sample as is_sample
    from participation_groups as g
    inner join acts as a using (activity_id)
    where ($region is null or g.region_code = $region)
      and ($cluster is null or g.cluster = $cluster)
),

totals as (
    select sum(persons) filter (where area in ('dissemination', 'matchmaking')) as persons,
           bool_or(is_sample) as is_sample
    from groups
),

chosen as (  -- the period's activities that each company count looks at, as bitstrings
    select bit_or(k.bit) filter (where a.kind = 'collaboration_project') as collaboration,
           bit_or(k.bit) filter (where a.kind = 'study_trip') as study_trip,
           bit_or(k.bit) filter (where a.area = 'internationalisation') as internationalisation
    from acts as a
    inner join activity_keys as k using (activity_id)
),

companies_reached as (
    select count(distinct pc.company_id) filter (where bit_count(pc.activities & ch.collaboration) > 0)
               as collaboration,
           count(distinct pc.company_id) filter (where bit_count(pc.activities & ch.study_trip) > 0) as study_trip,
           count(distinct pc.company_id) filter (where bit_count(pc.activities & ch.internationalisation) > 0)
               as internationalisation
    from participation_companies as pc, chosen as ch
    where ($region is null or pc.region_code = $region)
      and ($cluster is null or pc.cluster = $cluster)
),

reached(target, reached, rule, is_sample) as (
    select 'company_persons', persons, 'persons', is_sample from totals
    union all select 'companies_in_collaboration', collaboration, 'distinct_companies', is_sample
              from companies_reached, totals
    union all select 'companies_international_contacts', study_trip, 'distinct_companies', is_sample
              from companies_reached, totals
    union all select 'companies_internationalisation_competences', internationalisation, 'distinct_companies',
              is_sample from companies_reached, totals
)

select t.target, t.value, t.unit, r.reached, r.reached / t.value as progress, coalesce(r.rule, 'not_in_data') as rule,
       t.source, coalesce(r.is_sample, false) as is_sample
from targets as t
left join reached as r using (target)
