-- Returns: each planned deliverable with its range and how many were delivered (activities of the matching
--          kind held in the period, by organisers in the chosen region/cluster), and whether that is under,
--          within or over the range ("at least" ranges have no over).
--          With an area: the deliverables of that area (each still against its own planned range).
-- Grain: deliverable
-- Params: $region, $cluster, $period_start, $period_end, $area
-- Columns: deliverable, area, planned_min, planned_max, delivered, status, source, is_sample
with kinds(deliverable, kind) as (values
    ('newsletters', 'newsletter'), ('whitepapers', 'whitepaper'), ('conferences', 'conference'),
    ('after_work_meetings', 'after_work_meeting'), ('workshops', 'workshop'), ('matchmaking_events', 'matchmaking'),
    ('collaboration_projects', 'collaboration_project'), ('study_trips', 'study_trip')
),

held as (
    select kind, count(*) as delivered, bool_or(is_sample) as is_sample
    from activities_held($region, $cluster, $period_start, $period_end)  -- queries/_models/macros.sql
    group by kind
)

select
    d.deliverable, d.area, d.planned_min, d.planned_max,
    coalesce(h.delivered, 0) as delivered,
    case when coalesce(h.delivered, 0) < d.planned_min then 'under'
         when d.planned_max is not null and h.delivered > d.planned_max then 'over'
         else 'within' end as status,
    d.source,
    coalesce(h.is_sample, false) as is_sample
from deliverables as d
inner join kinds as k using (deliverable)
left join held as h on h.kind = k.kind
where $area is null or d.area = $area
