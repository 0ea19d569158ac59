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

-- Growth since the 2018 baseline, once per channel (per_organisation = false) and once per organisation (true):
-- the real 2018 count, the newest snapshot on or before `until`, the change and the change in % of the baseline.
-- The baseline is always the application's 2018 table; the period only picks the newest snapshot. A channel or
-- organisation without both a baseline and a newest count is left out (a channel added after 2018, such as
-- Facebook, has no baseline: the over-time chart shows it). Uploaded rows from before the grant period are
-- pre-grant history, never the baseline and never the newest snapshot.
create or replace macro reach_growth(of_region, of_cluster, of_channel, until) as table
    with filtered as (
        select * from reach_of(of_region, of_cluster, of_channel)
        where as_of <= until and (data_origin = 'facts' or as_of >= (select min(period_start) from "grant"))
          and channel in (select channel from reach where data_origin = 'facts')
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
