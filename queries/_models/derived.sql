-- Pre-aggregated tables over the dataset views, built by `db.connect()` (before the lockdown) and rebuilt whenever
-- a data file changes. They hold what the participation queries need at a grain that does not grow with the
-- number of participations, so a filter change never joins 10 M participations with 1 M companies again.
-- Queries that use them say so in their header. $activities is the number of distinct activities (db.py).

-- Every activity's number (1..n) and its own bit in an n-bit string.
create or replace table activity_keys as
select activity_id, k, bitstring_agg(k, 1, $activities) as bit
from (select activity_id, row_number() over (order by activity_id)::integer as k
      from (select distinct activity_id from activities where activity_id is not null) as ids) as numbered
group by activity_id, k;

-- Persons per activity and the participating company's region and cluster (participations joined to companies
-- exactly as the queries join them: inner, so a participation of an unknown company counts nowhere).
create or replace table participation_groups as
select p.activity_id, c.region_code, c.cluster, sum(p.persons) as persons, bool_or(p.is_sample) as is_sample
from participations as p
inner join companies as c using (company_id)
group by p.activity_id, c.region_code, c.cluster;

-- Per company (with its region and cluster) the set of activities it took part in, as a bitstring over
-- activity_keys: "took part in any of these activities" is then one AND per company.
create or replace table participation_companies as
select c.company_id, c.region_code, c.cluster, bitstring_agg(k.k, 1, $activities) as activities
from participations
inner join companies as c using (company_id)
inner join activity_keys as k using (activity_id)
group by c.company_id, c.region_code, c.cluster;
