-- Macros that several query files share (the reach filters, the growth since 2018, the channel order), so the
-- logic is written once. `db.connect()` creates them over the dataset views, before the lockdown. Static SQL: the query
-- files pass their `$parameters` as the macros' arguments; nothing is built from strings.

-- One channel order everywhere (cards, charts, tables): the application's own column order, which is
-- datasets.CHANNELS (a test checks the two agree).
create or replace macro channel_order(ch) as
    list_position(['newsletter', 'linkedin_group', 'linkedin_page', 'twitter'], ch);

-- The activities held between `since` and `until` by organisers in the chosen region and cluster (NULL = no
-- filter): what the deliverables and the activities-by-area counts count.
create or replace macro activities_held(of_region, of_cluster, since, until) as table
    select * from activities
    where date between since and until
      and (of_region is null or region_code = of_region)
      and (of_cluster is null or cluster = of_cluster);

-- The reach rows of the organisations that the region and cluster filters keep (NULL = no filter), with the
-- organisation's home region: a cluster filter keeps that organisation's channels, a region filter the
-- organisations whose home region it is, a channel filter that channel's rows.
create or replace macro reach_of(of_region, of_cluster, of_channel) as table
    select r.*, c.region_code
    from reach as r
    inner join clusters as c on c.short = r.organisation
    where (of_cluster is null or r.organisation = of_cluster)
      and (of_region is null or c.region_code = of_region)
      and (of_channel is null or r.channel = of_channel);

-- The reach rows a timeline shows up to `until`: the application's 2018 table (facts) and the snapshots from the
-- grant period's start; uploaded rows dated before the grant are pre-grant history (reach/history_before_grant),
-- never on the timeline.
create or replace macro reach_timeline(of_region, of_cluster, of_channel, until) as table
    select * from reach_of(of_region, of_cluster, of_channel)
    where as_of <= until and (data_origin = 'facts' or as_of >= (select min(period_start) from "grant"));

-- Growth since the 2018 baseline, once per channel (per_organisation = false) and once per organisation (true):
-- the real 2018 count, the newest snapshot on or before `until`, the change and the change in % of the baseline.
-- The baseline is always the application's 2018 table; the period only picks the newest snapshot. A channel or
-- organisation without both a baseline and a newest count is left out (a channel added after 2018, such as
-- Facebook, has no baseline: the over-time chart shows it). Uploaded rows from before the grant period are
-- pre-grant history, never the baseline and never the newest snapshot.
create or replace macro reach_growth(of_region, of_cluster, of_channel, until) as table
    with filtered as (
        select * from reach_timeline(of_region, of_cluster, of_channel, until)
        where channel in (select channel from reach where data_origin = 'facts')
    ),

newest as (select max(as_of) as as_of from filtered),

totals as (
        select f.organisation, f.channel, grouping(f.channel) = 1 as per_organisation,
               sum(f.count) filter (where f.data_origin = 'facts' and year(f.as_of) = 2018) as baseline,
               sum(f.count) filter (where f.as_of = n.as_of) as latest,
               max(f.as_of) filter (where f.as_of = n.as_of) as latest_as_of,
               bool_or(f.is_sample) filter (where f.as_of = n.as_of) as is_sample
        from filtered as f, newest as n
        group by grouping sets ((f.organisation), (f.channel))
    )

select organisation, channel, per_organisation, baseline, latest, latest_as_of,
           latest - baseline as change, (latest - baseline) / baseline as change_pct, is_sample
    from totals
    where baseline is not null and latest is not null;

-- Spending per calendar month from `since` to the newest month with spending up to `until` (a month without
-- spending is a row with actual 0), cumulated, against a linear plan: the whole budget spread evenly over the 24
-- months of the grant, one month's share per calendar month. No spending in the period: no rows. With a funder
-- (`of_funder`, NULL = all): that funder's spending against its own part of the budget (the application's split).
create or replace macro spending_vs_plan(since, until, of_funder) as table
    with spent as (
        select date_trunc('month', month)::date as month, amount_dkk, is_sample
        from spending
        where month between since and until and (of_funder is null or funder = of_funder)
    ),

    months as (  -- no spending in the period: max is NULL and the series is empty
        select unnest(generate_series(date_trunc('month', since::date), (select max(month) from spent),
                                      interval 1 month))::date as month
    ),

    monthly as (
        select m.month, coalesce(sum(s.amount_dkk), 0)::double as actual
        from months as m
        left join spent as s using (month)
        group by m.month
    ),

    plan as (select sum(amount_dkk)::double / 24 as per_month from budget where of_funder is null or funder = of_funder)

    select
        month,
        actual,
        sum(actual) over (order by month) as cumulative_actual,
        plan.per_month * row_number() over (order by month) as cumulative_plan,
        (select bool_or(is_sample) from spent) as is_sample
    from monthly, plan;

-- Each funder's share of the spending from `since` to `until` against its planned share of the budget, the drift
-- in percentage points and whether it exceeds 5 points. (budget/area_actual_vs_plan does the same for the activity
-- areas against their planned weighting on its own, so that the Activities page, which shows it, does not read
-- the budget: freshness.datasets_read follows a macro to every view it reads.)
create or replace macro funder_shares(since, until) as table
    with actual as (
        select funder, sum(amount_dkk)::double as actual, bool_or(is_sample) as is_sample
        from spending
        where month between since and until
        group by funder
    ),

    planned as (select funder, amount_dkk / sum(amount_dkk) over () as planned_share from budget),

    shares as (
        select
            p.funder,
            coalesce(a.actual, 0) as actual,
            coalesce(a.actual, 0) / nullif(sum(a.actual) over (), 0) as actual_share,
            p.planned_share,
            coalesce(a.is_sample, false) as is_sample
        from planned as p
        left join actual as a using (funder)
    )

    select
        funder, actual, actual_share, planned_share, (actual_share - planned_share) * 100 as drift_points,
        -- Rounded before comparing: an exact 5-point drift must not become 5.0000001 > 5 in floating point.
        round(abs(actual_share - planned_share) * 100, 6) > 5 as drifted,
        is_sample
    from shares;
