"""Danish/English texts. Danish is the default; every key has both languages (a test checks it).

`t(key, lang, **values)` formats the text with `str.format`. `label(namespace, code, lang)` translates a
code from the data (funder, area, channel, ...) and falls back to the code itself for an unknown code, so a
new value in a data file shows rather than breaks the page.
"""

from __future__ import annotations

LANGS = ("da", "en")
DEFAULT_LANG = "da"

TEXTS: dict[str, tuple[str, str]] = {
    # Chrome
    "app.name": ("Danish Healthtech", "Danish Healthtech"),
    "app.tagline": ("Nationalt innovationsnetværk for sundhedsteknologi",
                    "National innovation network for health technology"),
    "lang.label": ("Sprog", "Language"),
    "choose": ("Vælg …", "Choose …"),  # every selectbox's placeholder: Streamlit's own is English
    "nav.overview": ("Overblik", "Overview"),
    "nav.budget": ("Budget", "Budget"),
    "nav.activities": ("Aktiviteter", "Activities"),
    "nav.sources": ("Kilder", "Sources"),
    "nav.companies": ("Virksomheder", "Companies"),
    "nav.reach": ("Rækkevidde", "Reach"),
    "data_as_of": ("Data pr. {summary}", "Data as of {summary}"),
    "data_as_of.none": ("Data pr.: {summary}", "Data as of: {summary}"),
    "data_as_of.only_sample": ("eksempeldata uden dato ({datasets})", "sample data, no date ({datasets})"),
    "data_as_of.help": ("Det nyeste af datasættene på siden. Kildedokumenternes tal er fra dokumenternes dato, en "
                        "uploadet version fra sin import, og eksempeldata har ingen dato. Pr. datasæt:",
                        "The newest of the datasets on this page. Figures from the source documents date from the "
                        "documents, an uploaded version from its import, and sample data has no date. By dataset:"),
    "data_as_of.upload": ("{file}, version {version}, uploadet af {who} {when}",
                          "{file}, version {version}, uploaded by {who} on {when}"),
    "data_as_of.sample_data": ("eksempeldata", "sample data"),
    "data_as_of.sample": ("eksempeldata uden dato: {datasets}", "sample data, no date: {datasets}"),
    "upload.caption": ("Uploadede tal: {uploads}", "Uploaded figures: {uploads}"),
    "facts.caption": ("Faktiske tal fra kildedokumenterne", "Actual figures from the source documents"),
    # One sentence under each chart, for a screen reader and a quick reader alike (charts.describe)
    "chart.describe.bars": ("Størst: {largest} ({largest_value}); mindst: {smallest} ({smallest_value})",
                            "Largest: {largest} ({largest_value}); smallest: {smallest} ({smallest_value})"),
    "chart.describe.classes": ("Farveklasser: {classes}", "Colour classes: {classes}"),
    "chart.describe.of_total": ("{value} af {total} i alt", "{value} of {total} in total"),
    "chart.describe.line": ("{name}: fra {first} ({x0}) til {last} ({x1})",
                            "{name}: from {first} ({x0}) to {last} ({x1})"),
    "map.text.municipalities": ("Kortet som tekst: virksomheder pr. kommune",
                                "The map as text: companies per municipality"),
    "map.text.none": ("ingen: {areas}", "none: {areas}"),
    "sample.label": ("Eksempeldata – ikke faktiske tal", "Sample data – not real figures"),
    "sample.explain": (
        "Tallene her er genererede eksempeldata, der stemmer med tallene i kildedokumenterne, indtil en egentlig "
        "dataeksport erstatter dem.",
        "These figures are generated sample data, consistent with the figures in the source documents, until a "
        "real export replaces them."),
    "source.caption": ("Kilde: {sources}", "Source: {sources}"),
    "download.menu": ("Download", "Download"),
    "download.csv": ("Download CSV", "Download CSV"),
    "download.csv.help": ("CSV til dansk Excel: semikolon, decimalkomma, UTF-8.",
                          "CSV for Danish Excel: semicolon, decimal comma, UTF-8."),
    "download.csv_intl": ("CSV (international)", "CSV (international)"),
    "download.csv_intl.help": ("CSV med komma og decimalpunktum, til andre programmer.",
                               "CSV with comma and decimal point, for other programs."),
    "download.xlsx": ("Excel (.xlsx)", "Excel (.xlsx)"),
    "footer.trace": ("Hvert tal kan spores til sit kildedokument under Kilder.",
                     "Every figure can be traced to its source document under Sources."),
    # Filters
    "filters.title": ("Filtre", "Filters"),
    "filters.region": ("Region", "Region"),
    "filters.cluster": ("Klynge", "Cluster"),
    "filters.period": ("Periode", "Period"),
    "filters.municipality": ("Kommune", "Municipality"),
    "filters.all_regions": ("Alle regioner", "All regions"),
    "filters.all_clusters": ("Alle klynger og netværk", "All clusters and networks"),
    "filters.all_municipalities": ("Alle kommuner", "All municipalities"),
    "filters.channel": ("Kanal", "Channel"),
    "filters.funder": ("Finansiering", "Funder"),
    "filters.area": ("Indsatsområde", "Activity area"),
    "filters.all_channels": ("Alle kanaler", "All channels"),
    "filters.all_funders": ("Alle finansieringskilder", "All funders"),
    "filters.all_areas": ("Alle indsatsområder", "All activity areas"),
    "filters.and": ("og", "and"),
    "filters.not_applicable.one": ("Filteret for {names} gælder ikke på denne side: {reason}",
                                   "The {names} filter does not apply on this page: {reason}"),
    "filters.not_applicable.many": ("Filtrene for {names} gælder ikke på denne side: {reason}",
                                    "The {names} filters do not apply on this page: {reason}"),
    # Why, per page whose data lacks a filter's dimension (`site.PAGES` dimensions).
    "filters.not_applicable.overview": (
        "tallene er for hele netværket og hele bevillingsperioden, som kildedokumenterne opgør dem.",
        "the figures are for the whole network and the whole grant period, as the source documents state them."),
    "filters.not_applicable.budget": (
        "budgettet og forbruget opgøres for hele netværket pr. periode og finansieringskilde, ikke pr. region, "
        "klynge, kommune eller kanal; forbruget pr. indsatsområde står på siden Aktiviteter.",
        "the budget and the spending are accounted for the whole network by period and funder, not by region, "
        "cluster, municipality or channel; spending by activity area is on the Activities page."),
    "filters.not_applicable.companies": (
        "virksomhedslisten er et øjebliksbillede af netværkets virksomheder pr. region, klynge og kommune, uden "
        "periode, kanal, finansieringskilde eller indsatsområde.",
        "the company list is a snapshot of the network's companies by region, cluster and municipality, with no "
        "period, channel, funder or activity area."),
    "filters.not_applicable.reach": (
        "rækkevidden opgøres pr. organisation og kanal, ikke pr. kommune, finansieringskilde eller indsatsområde.",
        "reach is counted per organisation and channel, not by municipality, funder or activity area."),
    "filters.not_applicable.activities": (
        "aktiviteter og deltagelser er registreret pr. region, klynge og indsatsområde, ikke pr. kommune, kanal "
        "eller finansieringskilde.",
        "activities and participations are recorded by region, cluster and activity area, not by municipality, "
        "channel or funder."),
    "filters.not_applicable.sources": (
        "siden beskriver datasættene og kildedokumenterne, ikke tallene i dem.",
        "this page describes the datasets and the source documents, not the figures in them."),
    "period.all": ("Hele perioden", "Whole period"),
    "period.y1": ("År 1", "Year 1"),
    "period.y2": ("År 2", "Year 2"),
    # Compare with (issue 16, healthtech/compare.py)
    "compare.label": ("Sammenlign med", "Compare with"),
    "compare.help": ("Tallene som de stod på et tidligere tidspunkt: et styregruppemøde, en dato eller en gemt "
                     "version af data. Ændringen vises ved hvert tal.",
                     "The figures as they stood at an earlier moment: a steering-group meeting, a date or a stored "
                     "version of the data. The change shows beside each figure."),
    "compare.last": ("Seneste møde ({meeting})", "Last meeting ({meeting})"),
    "compare.last.none": ("Seneste møde (ingen endnu)", "Last meeting (none yet)"),
    "compare.none": ("Ingen sammenligning", "No comparison"),
    "compare.meeting": ("Møde {date}", "Meeting on {date}"),
    "compare.meeting.sample": ("Møde {date} (eksempeldato)", "Meeting on {date} (sample date)"),
    "compare.date": ("Dato {date}", "Date {date}"),
    "compare.version": ("{dataset} version {version} ({date})", "{dataset} version {version} ({date})"),
    "compare.pick_date": ("… eller en dato", "… or a date"),
    "compare.since.meeting": ("siden mødet {date}", "since the meeting on {date}"),
    "compare.since.date": ("siden {date}", "since {date}"),
    "compare.since.version": ("siden {dataset} version {version}", "since {dataset} version {version}"),
    "compare.unchanged": ("uændret", "unchanged"),
    "compare.unknown": ("ikke kendt dengang", "not known then"),
    "compare.new": ("ny", "new"),
    "compare.then": ("dengang", "then"),
    "compare.sample": ("eksempeldata", "sample data"),
    "compare.sample_note": ("Mødedatoerne er eksempeldata, indtil de rigtige uploades på Data-siden.",
                            "The meeting dates are sample data until the real ones are uploaded on the Data page."),
    # What changed (healthtech/changes.py): {change} signed, {pct} " (+16 %)" or empty, {since} "siden mødet …"
    "changes.title": ("Hvad har ændret sig", "What changed"),
    "changes.none": ("Ingen ændringer i data {since}.", "No changes in the data {since}."),
    "changes.off": ("Vælg et møde under \"Sammenlign med\" for at se, hvad der har ændret sig siden.",
                    "Choose a meeting under \"Compare with\" to see what changed since."),
    "changes.reach": ("Rækkevidde {change}{pct} {since}, mest {most} ({most_change})",
                      "Reach {change}{pct} {since}, mostly {most} ({most_change})"),
    "changes.reach.flat": ("Rækkevidde {change}{pct} {since}", "Reach {change}{pct} {since}"),
    "changes.companies": ("Virksomheder {change}{pct} {since}, flest i {most} ({most_change})",
                          "Companies {change}{pct} {since}, most in {most} ({most_change})"),
    "changes.companies.flat": ("Virksomheder {change}{pct} {since}", "Companies {change}{pct} {since}"),
    "changes.activities": ("Afholdte aktiviteter {change}{pct} {since}, mest {most} ({most_change})",
                           "Activities held {change}{pct} {since}, mostly {most} ({most_change})"),
    "changes.activities.flat": ("Afholdte aktiviteter {change}{pct} {since}", "Activities held {change}{pct} {since}"),
    "changes.spending": ("Forbrug {change}{pct} {since}, mest {most} ({most_change})",
                         "Spending {change}{pct} {since}, mostly {most} ({most_change})"),
    "changes.spending.flat": ("Forbrug {change}{pct} {since}", "Spending {change}{pct} {since}"),
    "changes.drift.below": ("Budget: {funder} ligger nu {points} procentpoint under planen, {moved} point {since}",
                            "Budget: {funder} is now {points} percentage points below plan, {moved} points {since}"),
    "changes.drift.above": ("Budget: {funder} ligger nu {points} procentpoint over planen, {moved} point {since}",
                            "Budget: {funder} is now {points} percentage points above plan, {moved} points {since}"),
    "changes.correction": ("Rettelse: {rows} rækker i {dataset} dateret til og med {day} er ændret af en upload "
                           "derefter ({file}, {when})",
                           "Correction: {rows} rows of {dataset} dated on or before {day} were changed by a later "
                           "upload ({file}, {when})"),
    "changes.open": ("Vis", "Show"),
    # Click to drill down (healthtech/drill.py)
    "drill.hint": ("Klik på en søjle for at filtrere siden på den", "Click a bar to filter the page by it"),
    "drill.clear": ("Fjern {filter}: {value}", "Clear {filter}: {value}"),
    "drill.regions": ("Vælg en region ({unit} pr. region)", "Choose a region ({unit} per region)"),
    "meeting.steering_group": ("Styregruppemøde", "Steering-group meeting"),
    "meeting.partner_circle": ("Partnerkredsmøde", "Partner-circle meeting"),
    # Overview
    "overview.title": ("Danish Healthtech – overblik", "Danish Healthtech – overview"),
    "overview.intro": (
        "Fire regionale klynger og to sammenlagte innovationsnetværk, sammen med fem universiteter. "
        "Bevillingsperiode: **{period}**.",
        "Four regional clusters and two merged innovation networks, together with five universities. "
        "Grant period: **{period}**."),
    "metric.budget": ("Samlet budget", "Total budget"),
    "metric.organisations": ("Klynger og netværk", "Clusters and networks"),
    "metric.organisations.help": ("4 regionale klynger (LSI, MTIC, Welfare Tech, CHC) og 2 sammenlagte "
                                  "innovationsnetværk (MTI, ISV).",
                                  "4 regional clusters (LSI, MTIC, Welfare Tech, CHC) and 2 merged innovation "
                                  "networks (MTI, ISV)."),
    "metric.universities": ("Universiteter", "Universities"),
    "metric.universities.help": ("DTU, Københavns Universitet, Aarhus Universitet, Aalborg Universitet og Syddansk "
                                 "Universitet, samt GTS-institutterne FORCE Technology og Teknologisk Institut.",
                                 "DTU, University of Copenhagen, Aarhus University, Aalborg University and "
                                 "University of Southern Denmark, plus the GTS institutes FORCE Technology and "
                                 "Danish Technological Institute."),
    "metric.reach": ("Rækkevidde 2018 (sammenlagt)", "Reach 2018 (total)"),
    "metric.reach.help": ("Modtagere af nyhedsbreve og følgere på LinkedIn og Twitter, lagt sammen over kanaler og "
                          "organisationer, som opgjort i ansøgningen.",
                          "Newsletter recipients and LinkedIn and Twitter followers, added up over channels and "
                          "organisations, as stated in the application."),
    "overview.companies.title": ("Virksomheder pr. klynge og netværk, som oplyst",
                                 "Companies per cluster and network, as stated"),
    "overview.companies.note": (
        "Tallene er opgjort på forskellige grundlag og overlapper hinanden, så de kan ikke lægges sammen. "
        "Netværket som helhed lister {listed} dedikerede virksomheder, og klyngerne samarbejdede med {worked_with} "
        "virksomheder i 2017. Der er {sector} sundhedsteknologivirksomheder i Danmark; {share} af dem har 1-10 "
        "ansatte.",
        "The counts rest on different bases and overlap, so they cannot be added up. The network as a whole "
        "lists {listed} dedicated companies, and the clusters worked with {worked_with} companies in 2017. There "
        "are {sector} health technology companies in Denmark; {share} of them have 1-10 employees."),
    "overview.reach.title": ("Rækkevidde 2018 pr. kanal", "Reach 2018 by channel"),
    "overview.targets.title": ("Effektmål 2019-2020", "Effect targets 2019-2020"),
    # Companies
    "companies.title": ("Virksomheder i netværket", "Companies in the network"),
    "companies.intro": ("Hvor netværkets virksomheder holder til, fordelt på regioner, kommuner og klynger. "
                        "Antallet pr. område står under kortet; vælg en region eller en kommune i filtrene for at se "
                        "virksomhederne.",
                        "Where the network's companies are, by region, municipality and cluster. The count per area "
                        "is written under the map; choose a region or a municipality in the filters to see the "
                        "companies."),
    "companies.metric.companies": ("Virksomheder", "Companies"),
    "companies.metric.paying": ("Betalende medlemmer", "Paying members"),
    "companies.metric.small": ("Med 1-10 ansatte", "With 1-10 employees"),
    "companies.metric.municipalities": ("Kommuner", "Municipalities"),
    "companies.metric.dedicated": ("Dedikerede virksomheder (ansøgningen)", "Dedicated companies (the application)"),
    "companies.metric.paying_stated": ("Betalende medlemmer af WT eller LSI (ansøgningen)",
                                       "Paying members of WT or LSI (the application)"),
    "companies.kpi.mixed": (
        "De to første tal er ansøgningens egne for hele netværket; andelen med 1-10 ansatte og antallet af kommuner "
        "er eksempeldata.",
        "The first two figures are the application's own for the whole network; the share with 1-10 employees and "
        "the number of municipalities are sample data."),
    "companies.kpi.sample": (
        "Alle fire tal er eksempeldata for det valgte udsnit. Ansøgningens egne tal for hele netværket: {companies} "
        "dedikerede virksomheder og {paying} betalende medlemmer.",
        "All four figures are sample data for the chosen selection. The application's own figures for the whole "
        "network: {companies} dedicated companies and {paying} paying members."),
    "companies.map.title": ("Kort over virksomhederne", "Map of the companies"),
    "companies.map.layer": ("Vis", "Show"),
    "companies.map.legend": ("Virksomheder pr. område", "Companies per area"),
    "layer.regions": ("Regioner", "Regions"),
    "layer.municipalities": ("Kommuner", "Municipalities"),
    # Not the Overview's "as stated" chart (the clusters' own counts): this one counts the company list.
    "companies.by_cluster.title": ("Virksomhederne i listen pr. klynge og netværk",
                                   "Companies in the list per cluster and network"),
    "companies.by_region.title": ("Virksomheder pr. region", "Companies per region"),
    "companies.size.title": ("Størrelse", "Size"),
    "companies.size.axis": ("Virksomheder efter antal ansatte", "Companies by number of employees"),
    "companies.membership.title": ("Tilknytning", "Membership"),
    "companies.joined.title": ("Tilknyttet over tid", "Joined over time"),
    "companies.list.title": ("Virksomhederne", "The companies"),
    "companies.list.caption": ("{n} virksomheder. Søg i tabellen med forstørrelsesglasset.",
                               "{n} companies. Search the table with the magnifying glass."),
    "companies.list.capped": ("Tabellen og CSV-filen viser de første {shown} efter navn; vælg region, klynge eller "
                              "kommune for at se resten.",
                              "The table and the CSV file show the first {shown} by name; choose a region, cluster or "
                              "municipality to see the rest."),
    "membership.paying": ("Betalende medlem", "Paying member"),
    "membership.dedicated": ("Dedikeret", "Dedicated"),
    "membership.interest": ("Interessetilkendegivelse", "Expressed interest"),
    # Reach
    "reach.title": ("Rækkevidde: nyhedsbreve og sociale medier", "Reach: newsletters and social media"),
    "reach.intro": ("Modtagere af nyhedsbreve og følgere på LinkedIn og Twitter pr. organisation og kanal: "
                    "tabellen fra ansøgningen (2018) og væksten siden.",
                    "Newsletter recipients and LinkedIn and Twitter followers by organisation and channel: the "
                    "application's table (2018) and the growth since."),
    "reach.table.title": ("Rækkevidde 2018, som opgjort i ansøgningen", "Reach 2018, as stated in the application"),
    "reach.empty": ("Ingen organisation med de valgte filtre har rækkevidde i tabellen.",
                    "No organisation matching the chosen filters has reach in the table."),
    "reach.metric.total": ("Sammenlagt", "Total"),
    "reach.metric.latest": ("Seneste opgørelse (sammenlagt)", "Latest count (total)"),
    "reach.metric.change": ("Vækst siden 2018", "Growth since 2018"),
    "reach.metric.newest": ("Dato for seneste opgørelse", "Date of the latest count"),
    "reach.growth.title": ("Vækst siden 2018", "Growth since 2018"),
    "reach.over_time.title": ("Rækkevidde pr. kanal over tid", "Reach by channel over time"),
    "reach.stacked.title": ("Rækkevidde 2018 pr. kanal, fordelt på organisationer",
                            "Reach 2018 by channel, split by organisation"),
    "reach.point.real": ("Faktisk tal", "Actual figure"),
    "reach.point.sample": ("Eksempeldata", "Sample data"),
    "reach.pre_grant.title": ("Før bevillingsperioden", "Before the grant period"),
    "reach.pre_grant.note": ("Uploadede opgørelser fra før 1. dec. 2018: kanalernes historik. De vises ved siden af "
                             "ansøgningens tabel og er ikke udgangspunktet for væksten.",
                             "Uploaded counts from before 1 Dec 2018: the channels' history. They are shown beside "
                             "the application's table and are not the baseline for growth."),
    "reach.new_channels": ("Kanaler uden tal i ansøgningens tabel fra 2018 ({channels}) vises i udviklingen over "
                           "tid, men indgår ikke i væksten siden 2018.",
                           "Channels without a figure in the application's 2018 table ({channels}) are shown over "
                           "time but not counted in the growth since 2018."),
    # Budget
    "budget.title": ("Budget", "Budget"),
    "budget.intro": ("Finansieringen af bevillingsperioden {period}, som opgjort i pressemeddelelsen.",
                     "Funding of the grant period {period}, as stated in the press release."),
    "budget.metric.total": ("Samlet budget", "Total budget"),
    "budget.metric.eur": ("I euro", "In euro"),
    "budget.split.title": ("Budgettets fordeling på finansieringskilder", "Budget split by funder"),
    "budget.actual.title": ("Forbrug mod plan", "Spending against plan"),
    "budget.actual.empty": ("Intet forbrug i den valgte periode.", "No spending in the chosen period."),
    "budget.actual.spent": ("Forbrug i perioden (sammenlagt)", "Spent in the period (total)"),
    "budget.actual.planned_so_far": ("Planlagt forbrug i perioden (sammenlagt, lineært)",
                                     "Planned spending in the period (total, linear)"),
    "budget.actual.drift_count": ("Finansieringskilder mere end 5 procentpoint fra planen",
                                  "Funders more than 5 percentage points off plan"),
    "budget.actual.cumulative": ("Akkumuleret forbrug mod lineær plan", "Cumulative spending against a linear plan"),
    "budget.actual.plan": ("Lineær plan", "Linear plan"),
    "budget.actual.actual": ("Faktisk forbrug", "Actual spending"),
    "budget.actual.planned_share": ("Planlagt andel", "Planned share"),
    "budget.actual.actual_share": ("Faktisk andel", "Actual share"),
    "budget.actual.funders.title": ("Finansieringskildernes andel af forbruget mod 50/10/40",
                                    "Each funder's share of spending against 50/10/40"),
    "budget.actual.drift": ("{funder}: {actual} af forbruget mod planlagt {planned} – {points} procentpoint fra "
                            "planen (grænse: 5 procentpoint).",
                            "{funder}: {actual} of spending against a planned {planned} – {points} percentage "
                            "points off plan (limit: 5 percentage points)."),
    "budget.actual.flag": ("⚠ over 5 procentpoint fra planen", "⚠ more than 5 percentage points off plan"),
    "budget.actual.funder_note": (
        "{funder}: forbruget fra denne kilde mod dens egen del af budgettet, {amount} ({share}, ansøgningens "
        "fordeling), fordelt lineært over bevillingsperioden.",
        "{funder}: the spending from this source against its own part of the budget, {amount} ({share}, the "
        "application's split), spread evenly over the grant period."),
    "budget.actual.areas.all_funders": (
        "Vægtningen gælder hele budgettet, ikke den enkelte finansieringskilde: forbruget pr. indsatsområde er "
        "her for alle kilder.",
        "The weighting is set for the whole budget, not per funder: spending by activity area is shown here for "
        "all funders."),
    "budget.actual.areas.title": ("Forbrug pr. indsatsområde mod vægtningen 30/30/25/15",
                                  "Spending by activity area against the 30/30/25/15 weighting"),
    "budget.previous.title": ("Til sammenligning: medfinansiering i forrige bevillingsperiode",
                              "For context: co-funding in the previous grant period"),
    "budget.previous.note": (
        "Kontekst, ikke en del af Danish Healthtechs budget: medfinansiering til de to sammenlagte "
        "innovationsnetværk i perioden {period}.",
        "Context, not part of Danish Healthtech's budget: co-funding raised by the two merged innovation "
        "networks in the period {period}."),
    # Activities
    "activities.title": ("Aktiviteter og effektmål", "Activities and effect targets"),
    "activities.intro": ("Sådan planlægger ansøgningen at fordele indsatsen, og hvad den skal føre til.",
                         "How the application plans to weight the effort, and what it should achieve."),
    "activities.weighting.title": ("Planlagt vægtning af aktiviteterne", "Planned activity weighting"),
    "activities.deliverables.title": ("Planlagte leverancer 2019-2020", "Planned deliverables 2019-2020"),
    "activities.targets.title": ("Effektmål 2019-2020", "Effect targets 2019-2020"),
    "activities.targets.area_note": (
        "Effektmålene er ikke fordelt på indsatsområder: hvert mål tæller sine egne typer aktiviteter (se "
        "tællereglen), så filteret {area} indsnævrer ikke målene her.",
        "The effect targets are not divided by activity area: each counts its own kinds of activity (see its "
        "counting rule), so the {area} filter does not narrow the targets here."),
    "activities.realised.title": ("Vægtning: planlagt mod realiseret forbrug", "Weighting: planned against spending"),
    "activities.realised.chart": ("Andel af forbruget pr. indsatsområde mod den planlagte vægtning",
                                  "Share of spending by area against the planned weighting"),
    "activities.realised.spend_note": (
        "Forbruget har ingen regional dimension: andelen af forbruget er for hele netværket, også med filteret "
        "for region eller klynge.",
        "Spending has no regional dimension: the share of spending is network-wide, also with the region or "
        "cluster filter."),
    "weighting.period_note": (
        "Vægtningen gælder hele bevillingsperioden; ansøgningen fordeler den ikke på år, så et enkelt års "
        "fordeling er ikke en afvigelse fra planen.",
        "The weighting is for the whole grant period; the application does not phase it by year, so one year's "
        "split is not a deviation from the plan."),
    "activities.held.title": ("Afholdte aktiviteter pr. indsatsområde", "Activities held by area"),
    "activities.held.note": (
        "Et antal, ikke en indsats: en konference og et nyhedsbrev tæller hver én aktivitet. Derfor sættes antallet "
        "ikke op mod vægtningen, som er andele af indsats og budget.",
        "A count, not an effort: a conference and a newsletter count one activity each. So the count is not set "
        "against the weighting, which is shares of effort and budget."),
    "activities.weighting.planned": ("Planlagt vægt", "Planned weight"),
    "activities.weighting.spend": ("Andel af forbruget", "Share of spending"),
    "activities.deliverables.progress": ("Leveret mod planlagt interval", "Delivered against the planned range"),
    "activities.deliverables.range": ("Planlagt interval", "Planned range"),
    "activities.deliverables.contribution": ("Leveret – {scope} (af netværkets plan for 2019-2020)",
                                             "Delivered – {scope} (of the network's plan for 2019-2020)"),
    "activities.targets.progress": ("Fremdrift mod effektmålene", "Progress towards the effect targets"),
    "activities.targets.contribution": ("Bidrag til netværkets effektmål – {scope}",
                                        "Contribution to the network's effect targets – {scope}"),
    # What a filtered view is set against (healthtech/framing.py): the plan and the targets are national and for
    # 2019-2020 together, so a region, cluster or year is shown as a contribution, never judged against them.
    "framing.note.place": (
        "Planen og effektmålene er nationale: ansøgningen sætter dem for hele netværket og fordeler dem ikke på "
        "regioner eller klynger. Tallene for {scope} vises derfor som et bidrag til netværkets mål, ikke målt op "
        "imod dem.",
        "The plan and the effect targets are national: the application sets them for the whole network and does "
        "not split them by region or cluster. The figures for {scope} are therefore shown as a contribution to the "
        "network's targets, not measured against them."),
    "framing.note.period": (
        "Planen og effektmålene gælder 2019-2020 tilsammen: ansøgningen fordeler dem ikke på år. Tallene for "
        "{scope} vises derfor ved siden af planen for begge år, ikke målt op imod den.",
        "The plan and the effect targets are for 2019-2020 together: the application does not phase them by year. "
        "The figures for {scope} are therefore shown next to the plan for both years, not measured against it."),
    "framing.note.both": (
        "Planen og effektmålene gælder hele netværket og 2019-2020 tilsammen: ansøgningen fordeler dem hverken på "
        "regioner, klynger eller år. Tallene for {scope} vises derfor som et bidrag til netværkets mål, ikke målt "
        "op imod dem.",
        "The plan and the effect targets are for the whole network and 2019-2020 together: the application splits "
        "them neither by region, cluster nor year. The figures for {scope} are therefore shown as a contribution "
        "to the network's targets, not measured against them."),
    "framing.short": ("{value} af {target}", "{value} of {target}"),
    "framing.part": ("{value} af netværkets {target} {what}", "{value} of the network's {target} {what}"),
    "framing.contributions": ("{scope}: {parts}.", "{scope}: {parts}."),
    "framing.contributions_both_years": ("{scope}: {parts} (netværkets mål gælder begge år).",
                                         "{scope}: {parts} (the network's targets are for both years)."),
    "status.under": ("under intervallet", "under the range"),
    "status.within": ("inden for intervallet", "within the range"),
    "status.over": ("over intervallet", "over the range"),
    "rule.persons": ("personer sammenlagt", "persons added up"),
    "rule.distinct_companies": ("forskellige virksomheder", "distinct companies"),
    "rule.not_in_data": ("ikke i data endnu", "not in the data yet"),
    "target_short.company_persons": ("Virksomhedspersoner", "Company persons"),
    "target_short.companies_in_collaboration": ("Virksomheder i samarbejdsprojekter",
                                                "Companies in collaboration projects"),
    "target_short.companies_international_contacts": ("Nye internationale kontakter", "New international contacts"),
    "target_short.companies_internationalisation_competences": ("Internationaliseringskompetencer",
                                                                "Internationalisation competences"),
    "range.at_least": ("mindst {min}", "at least {min}"),
    # Sources
    "sources.title": ("Kilder og datagrundlag", "Sources and data"),
    "sources.intro": (
        "Hvert tal kan spores: fra siden til datasættet og videre til kildedokumentet og det afsnit, tallet står i. "
        "Faktiske tal kommer fra de offentlige kildedokumenter nedenfor; uploadede tal nævner deres fil og version, "
        "og alt andet er mærket som eksempeldata.",
        "Every figure can be traced: from the page to the dataset and on to the source document and the section the "
        "figure stands in. Real figures come from the public source documents below; uploaded figures name their "
        "file and version, and everything else is labelled as sample data."),
    "sources.datasets.title": ("Datasæt", "Datasets"),
    "sources.documents.title": ("Kildedokumenter", "Source documents"),
    "sources.document.show": ("Vis kildedokument", "Show source document"),
    "sources.document.choose": ("Vælg et dokument", "Choose a document"),
    "sources.document.cited": ("Citeret afsnit: {section}", "Cited section: {section}"),
    "sources.document.opening": ("Indledning", "Opening"),
    "sources.document.missing": ("Dokumentets tekst findes ikke i denne installation.",
                                 "The document's text is not in this installation."),
    "sources.geo.title": ("Kortdata", "Map data"),
    "sources.geo.credit": (
        "Grænser: DAGI, Geodatastyrelsen (nu Klimadatastyrelsen) & Danske Kommuner, 2014, via "
        "github.com/Neogeografen/dagi. Forenklet.",
        "Boundaries: DAGI, Geodatastyrelsen (now Klimadatastyrelsen) & Danske Kommuner, 2014, via "
        "github.com/Neogeografen/dagi. Simplified."),
    "origin.real": ("Faktiske tal", "Real"),
    "origin.sample": ("Eksempeldata", "Sample"),
    "origin.real+sample": ("Faktiske tal + eksempeldata", "Real + sample"),
    "origin.empty": ("Ingen data endnu", "No data yet"),
    "origin.upload": ("Uploadet eksport", "Uploaded export"),
    "origin.real+upload": ("Faktiske tal + uploadet eksport", "Real + uploaded export"),
    # Column headers
    "table.show": ("Tabel og download", "Table and download"),
    "query.show": ("Vis forespørgsel", "Show query"),
    "query.help": ("SQL'en bag tabellen og filerne, den læser", "The SQL behind the table and the files it reads"),
    "query.files": ("Filer", "Files"),
    "query.upload": ("upload: {dataset}, version {version}", "upload: {dataset}, version {version}"),
    "table.all": ("Vis alle {n} rækker", "Show all {n} rows"),
    "col.companies": ("Virksomheder", "Companies"),
    "col.month": ("Måned", "Month"),
    "col.actual": ("Forbrug (kr.)", "Spending (DKK)"),
    "col.cumulative_actual": ("Akkumuleret forbrug (kr.)", "Cumulative spending (DKK)"),
    "col.cumulative_plan": ("Akkumuleret plan (kr.)", "Cumulative plan (DKK)"),
    "col.cumulative": ("Akkumuleret", "Cumulative"),
    "col.actual_share": ("Faktisk andel", "Actual share"),
    "col.planned_funder_share": ("Planlagt andel", "Planned share"),
    "col.drift_points": ("Afvigelse (procentpoint)", "Drift (percentage points)"),
    "col.difference_points": ("Forskel (procentpoint)", "Difference (percentage points)"),
    "col.flag": ("Markering", "Flag"),
    "col.spend_share": ("Andel af forbruget", "Share of spending"),
    "col.activity_share": ("Andel af aktiviteterne", "Share of activities"),
    "col.activities": ("Aktiviteter", "Activities"),
    "col.delivered": ("Leveret", "Delivered"),
    "col.status": ("Status", "Status"),
    "col.reached": ("Nået", "Reached"),
    "col.progress": ("Fremdrift", "Progress"),
    "col.network_plan": ("Netværkets plan 2019-2020", "The network's plan 2019-2020"),
    "col.network_target": ("Netværkets mål 2019-2020", "The network's target 2019-2020"),
    "col.rule": ("Tælleregel", "Counting rule"),
    "col.newsletter": ("Nyhedsbreve", "Newsletters"),
    "col.linkedin_group": ("LinkedIn-diskussionsfora", "LinkedIn discussion groups"),
    "col.linkedin_page": ("LinkedIn-virksomhedssider", "LinkedIn company pages"),
    "col.twitter": ("Twitter", "Twitter"),
    "col.baseline": ("2018", "2018"),
    "col.latest": ("Seneste", "Latest"),
    "col.latest_as_of": ("Opgjort", "As of"),
    "col.as_of": ("Opgjort", "As of"),
    "col.change": ("Ændring", "Change"),
    "col.change_since": ("Ændring siden da", "Change since then"),
    "col.change_pct": ("Ændring i %", "Change in %"),
    "col.cluster": ("Klynge", "Cluster"),
    "col.size_band": ("Ansatte", "Employees"),
    "col.membership": ("Tilknytning", "Membership"),
    "col.year": ("År", "Year"),
    "col.joined": ("Tilknyttet", "Joined"),
    "col.total": ("I alt", "Total"),
    "col.cvr": ("CVR (fiktivt)", "CVR (fictitious)"),
    "col.municipality": ("Kommune", "Municipality"),
    "col.employees": ("Ansatte", "Employees"),
    "col.joined_on": ("Tilknyttet", "Joined"),
    "col.municipality_code": ("Kommune", "Municipality"),
    "col.activity_id": ("Aktivitets-id", "Activity ID"),
    "col.date": ("Dato", "Date"),
    "col.meeting": ("Møde", "Meeting"),
    "col.persons": ("Personer", "Persons"),
    "col.company_id": ("ID", "ID"),
    "col.code": ("Kode", "Code"),
    "col.funder": ("Finansieringskilde", "Funder"),
    "col.amount_dkk": ("Beløb (kr.)", "Amount (DKK)"),
    "col.amount_eur": ("Beløb (EUR)", "Amount (EUR)"),
    "col.share": ("Andel", "Share"),
    "col.source": ("Kilde", "Source"),
    "col.sources": ("Kilder", "Sources"),
    "col.area": ("Område", "Area"),
    "col.planned_share": ("Planlagt vægt", "Planned weight"),
    "col.target": ("Effektmål", "Effect target"),
    "col.value": ("Mål", "Target"),
    "col.unit": ("Enhed", "Unit"),
    "col.organisation": ("Organisation", "Organisation"),
    "col.short": ("Forkortelse", "Short name"),
    "col.kind": ("Type", "Type"),
    "col.region_code": ("Region", "Region"),
    "col.companies_stated": ("Virksomheder (oplyst)", "Companies (stated)"),
    "col.companies_basis": ("Grundlag", "Basis"),
    "col.channel": ("Kanal", "Channel"),
    "col.count": ("Antal", "Count"),
    "col.organisations": ("Organisationer", "Organisations"),
    "col.deliverable": ("Leverance", "Deliverable"),
    "col.planned_range": ("Planlagt", "Planned"),
    "col.period_start": ("Fra", "From"),
    "col.period_end": ("Til", "To"),
    "col.dataset": ("Datasæt", "Dataset"),
    "col.name": ("Navn", "Name"),
    "col.files": ("Filer", "Files"),
    "col.origin": ("Oprindelse", "Origin"),
    "col.row_count": ("Rækker", "Rows"),
    "col.sample_rows": ("Heraf eksempeldata", "Of which sample"),
    "col.data_as_of": ("Data pr.", "Data as of"),
    "col.publisher": ("Udgiver", "Publisher"),
    "col.citation": ("Citeres som", "Cited as"),
    "col.file": ("Fil", "File"),
    "col.language": ("Sprog", "Language"),
    "col.published": ("Udgivet", "Published"),
    "col.title": ("Titel", "Title"),
    # Codes in the data
    "funder.ministry": ("Uddannelses- og Forskningsministeriet", "Ministry of Higher Education and Science"),
    "funder.regional": ("Regional medfinansiering", "Regional co-funding"),
    "funder.private": ("Privat medfinansiering", "Private co-funding"),
    "area.dissemination": ("Vidensspredning og kompetenceudvikling",
                           "Knowledge dissemination and competence development"),
    "area.matchmaking": ("Matchmaking", "Matchmaking"),
    "area.collaboration": ("Samarbejdsprojekter", "Collaboration projects"),
    "area.internationalisation": ("Internationaliseringsprojekter", "Internationalisation projects"),
    # Access (healthtech/access.py, app.page)
    "access.need_link": ("Dashboardet åbnes via dit personlige link (åbn det igen fra din e-mail: det bliver ikke "
                         "stående i adresselinjen). Sekretariatet kan logge ind herunder.",
                         "The dashboard opens through your personal link (open it again from your e-mail: it does "
                         "not stay in the address bar). The secretariat can sign in below."),
    "access.need_sign_in": ("Log ind med din organisations konto, eller åbn dit personlige link igen fra din e-mail "
                            "(det bliver ikke stående i adresselinjen).",
                            "Sign in with your organisation's account, or open your personal link again from your "
                            "e-mail (it does not stay in the address bar)."),
    "access.sign_in.org": ("Log ind med organisationskonto", "Sign in with organisation account"),
    "access.sign_in.org_named": ("Log ind med {provider}", "Sign in with {provider}"),
    "access.not_listed": ("Du er logget ind som {name}, men den konto har ikke adgang til dashboardet. Bed "
                          "sekretariatet om adgang, eller log ud og log ind med en anden konto.",
                          "You are signed in as {name}, but that account has no access to the dashboard. Ask the "
                          "secretariat for access, or sign out and sign in with another account."),
    "access.sign_in": ("Log ind (sekretariatet)", "Sign in (secretariat)"),
    "access.sign_in.button": ("Log ind", "Sign in"),
    "access.name": ("Navn (til loggen)", "Name (for the log)"),
    "access.password": ("Adgangskode", "Password"),
    "access.wrong_password": ("Forkert adgangskode.", "Wrong password."),
    "access.locked.client": (
        "For mange forkerte adgangskoder herfra. Log ind er spærret i {minutes} min. (også med den rigtige kode).",
        "Too many wrong passwords from here. Sign-in is locked for {minutes} min (the right password too)."),
    "access.locked.everyone": (
        "For mange forkerte adgangskoder på serveren. Log ind er spærret for alle i {minutes} min. (også med den "
        "rigtige kode). Forsøgene er logget.",
        "Too many wrong passwords on this server. Sign-in is locked for everyone for {minutes} min (the right "
        "password too). The attempts are logged."),
    "access.ended.rotated": (
        "Du er logget ud: adgangskoden eller nøglerne er skiftet. Log ind igen.",
        "You have been signed out: the password or the keys have changed. Sign in again."),
    "access.ended.idle": ("Du er logget ud efter 8 timer uden aktivitet. Log ind igen.",
                          "You have been signed out after 8 hours without activity. Sign in again."),
    "access.ended.expired": ("Du er logget ud: et login gælder højst 24 timer. Log ind igen.",
                             "You have been signed out: a sign-in lasts 24 hours at most. Sign in again."),
    "access.sign_out": ("Log ud", "Sign out"),
    "access.signed_in": ("Logget ind som {name} (redaktør)", "Signed in as {name} (editor)"),
    "access.signed_in.member": ("Logget ind som {name} (styregruppe/klynge)",
                                "Signed in as {name} (steering group/cluster)"),
    "share.button": ("Del denne visning", "Share this view"),
    "share.explain": ("Adressen viser samme side, filtre og sprog, men giver ingen adgang: modtageren skal selv have "
                      "et link eller kunne logge ind.",
                      "The address shows the same page, filters and language but gives no access: the recipient "
                      "needs a link of their own or a sign-in."),
    "access.local_mode": ("Lokal tilstand: ingen hemmeligheder sat op; du har alle rettigheder, fordi du åbnede "
                          "adressen med nøglen, som `make run` skrev.",
                          "Local mode: no secrets are set up; you have every right because you opened the address "
                          "with the key that `make run` printed."),
    "access.refused.local_key_needed": (
        "Dashboardet kører i lokal tilstand. Åbn adressen med nøglen (`…/?local=…`), som `make run` skrev i "
        "terminalen, da serveren startede. Nøglen skiftes ved hver start.",
        "The dashboard runs in local mode. Open the address with the key (`…/?local=…`) that `make run` printed in "
        "the terminal when the server started. The key changes at every start."),
    "access.role.reviewer": ("Skrivebeskyttet visning", "Read-only view"),
    "access.role.member": ("Visning for styregruppe og klynger", "Steering group and cluster view"),
    "access.pinned": ("kun {region}", "{region} only"),
    "access.editors_only": ("Denne side er kun for sekretariatet.", "This page is for the secretariat only."),
    "access.refused.malformed": ("Linket er ufuldstændigt eller ugyldigt. Bed sekretariatet om et nyt.",
                                 "The link is incomplete or invalid. Ask the secretariat for a new one."),
    "access.refused.tampered": ("Linket er ændret og kan ikke bruges. Bed sekretariatet om et nyt.",
                                "The link has been altered and cannot be used. Ask the secretariat for a new one."),
    "access.refused.unknown_key": ("Linket er lavet med en nøgle, der ikke længere gælder. Bed sekretariatet om et "
                                   "nyt.",
                                   "The link was made with a key that is no longer valid. Ask the secretariat for a "
                                   "new one."),
    "access.refused.expired": ("Linket er udløbet. Bed sekretariatet om et nyt.",
                               "The link has expired. Ask the secretariat for a new one."),
    "access.refused.revoked": ("Linket er trukket tilbage.", "The link has been revoked."),
    "access.refused.secrets_missing": (
        "Dashboardet er sat op med en hemmelighedsfil, der ikke findes (HEALTHTECH_SECRETS). Det viser intet, før "
        "filen er på plads.",
        "The dashboard is configured with a secrets file that does not exist (HEALTHTECH_SECRETS). It shows nothing "
        "until the file is in place."),
    "access.refused.auth_not_loaded": (
        "Hemmelighedsfilen har en [auth]-sektion, som Streamlit ikke læser. Start med STREAMLIT_SECRETS_FILES sat til "
        "samme fil som HEALTHTECH_SECRETS (se docs/deploy.md).",
        "The secrets file has an [auth] section that Streamlit does not read. Start with STREAMLIT_SECRETS_FILES set "
        "to the same file as HEALTHTECH_SECRETS (see docs/deploy.md)."),
    "access.refused.local_mode_public": (
        "Dashboardet kører uden hemmeligheder (lokal tilstand) og må derfor kun lytte på localhost. Kør "
        "`python -m healthtech init-secrets` eller start med --server.address localhost.",
        "The dashboard runs without secrets (local mode) and may therefore listen on localhost only. Run "
        "`python -m healthtech init-secrets` or start with --server.address localhost."),
    # Data page (editors)
    "nav.data": ("Data", "Data"),
    "data.title": ("Data: upload, historik og links", "Data: upload, history and links"),
    "data.intro": (
        "Læg en ny eksport ind (CSV eller Excel; dansk eller engelsk format). Filen kontrolleres, du ser hvad der "
        "ændres, og først når du bekræfter, bliver den en ny version, som alle sider viser. Tidligere versioner "
        "kan altid genoprettes.",
        "Add a new export (CSV or Excel; Danish or English format). The file is checked, you see what changes, and "
        "only when you confirm does it become a new version that every page shows. Earlier versions can always be "
        "restored."),
    "data.upload.header": ("Upload", "Upload"),
    "data.dataset": ("Datasæt", "Dataset"),
    "data.current.csv": ("Download de nuværende data (CSV til dansk Excel)",
                         "Download the current data (CSV for Danish Excel)"),
    "data.current.xlsx": ("Download de nuværende data (Excel)", "Download the current data (Excel)"),
    "data.file": ("Fil (CSV, XLSX, TXT eller TSV; højst {mb} MB)", "File (CSV, XLSX, TXT or TSV; at most {mb} MB)"),
    "data.columns": ("Kolonner: {columns}", "Columns: {columns}"),
    "data.reading": ("Læser og kontrollerer {file} …", "Reading and checking {file} …"),
    "data.read_done": ("{file}: {rows} rækker læst ({conventions})", "{file}: {rows} rows read ({conventions})"),
    "data.read_failed": ("{file}: {count} problemer – intet er gemt", "{file}: {count} problems – nothing saved"),
    "data.problems": ("Filen kan ikke bruges, før disse problemer er rettet. Intet er ændret.",
                      "The file cannot be used until these problems are fixed. Nothing has changed."),
    "data.report.error": ("fejl", "error"),
    "data.report.notice": ("bemærkning", "note"),
    "data.report.col.file": ("Fil", "File"),
    "data.report.col.row": ("Række", "Row"),
    "data.report.col.column": ("Kolonne", "Column"),
    "data.report.col.kind": ("Type", "Kind"),
    "data.report.col.message": ("Besked", "Message"),
    "data.convention.encoding.utf-8": ("UTF-8", "UTF-8"),
    "data.convention.encoding.utf-8-sig": ("UTF-8 med BOM", "UTF-8 with BOM"),
    "data.convention.encoding.cp1252": ("Windows-1252", "Windows-1252"),
    "data.convention.encoding.utf-16": ("UTF-16", "UTF-16"),
    "data.convention.encoding.mac_roman": ("Mac Roman", "Mac Roman"),
    "data.convention.delimiter.;": ("semikolon", "semicolon"),
    "data.convention.delimiter.,": ("komma", "comma"),
    "data.convention.delimiter.\t": ("tabulator", "tab"),
    "data.convention.numbers.da": ("dansk talformat (1.234,5)", "Danish numbers (1.234,5)"),
    "data.convention.numbers.en": ("engelsk talformat (1,234.5)", "English numbers (1,234.5)"),
    "data.mode": ("Hvordan filen lægges ind", "How the file goes in"),
    "data.mode.merge": ("Flet ind (anbefalet): nye rækker tilføjes, rækker med samme nøgle opdateres, resten beholdes",
                        "Merge (recommended): new rows are added, rows with the same key updated, the rest kept"),
    "data.mode.replace": ("Erstat hele datasættet: rækker, som filen ikke nævner, fjernes",
                          "Replace the whole dataset: rows the file does not mention are removed"),
    "data.mode.rule": ("Nøgle for {dataset}: {columns}. Tallene fra 2018 i ansøgningen bliver altid stående.",
                       "Key for {dataset}: {columns}. The 2018 figures from the application always stay."),
    "data.notices": ("Bemærkninger", "Notes"),
    "data.report.download": ("Download rapporten (CSV)", "Download the report (CSV)"),
    "data.changes": ("Hvad ændres i forhold til nu", "What changes compared with now"),
    "data.counts": ("tilføjet {added}, opdateret {updated}, beholdt {kept}, fjernet {removed}",
                    "added {added}, updated {updated}, kept {kept}, removed {removed}"),
    "data.change.added": ("Tilføjet", "Added"),
    "data.change.updated": ("Opdateret", "Updated"),
    "data.change.kept": ("Beholdt", "Kept"),
    "data.change.removed": ("Fjernet", "Removed"),
    "data.change.col.change": ("Ændring", "Change"),
    "data.change.col.before": ("Før", "Before"),
    "data.changes.rows": ("Rækker, der tilføjes, opdateres eller fjernes (de første {limit} af hver slags)",
                          "Rows added, updated or removed (the first {limit} of each kind)"),
    "data.changes.none": ("Filen ændrer intet: alle rækker findes allerede med de samme værdier.",
                          "The file changes nothing: every row is already there with the same values."),
    "data.replace.warning": ("Erstat fjerner {removed} rækker, som filen ikke nævner (listet ovenfor). De kan "
                             "genoprettes ved at rulle tilbage.",
                             "Replace removes {removed} rows the file does not mention (listed above). They can be "
                             "restored by rolling back."),
    "data.replace.confirm": ("Ja, fjern de {removed} rækker", "Yes, remove the {removed} rows"),
    "data.stale": ("Datasættet er ændret, siden filen blev læst (version {version}): læs filen igen.",
                   "The dataset has changed since the file was read (version {version}): read the file again."),
    "data.confirm": ("Gem som ny version", "Save as a new version"),
    "data.saved": ("{dataset}: version {version} gemt ({rows} rækker; {counts}). Alle sider viser den nu.",
                   "{dataset}: version {version} saved ({rows} rows; {counts}). Every page shows it now."),
    "data.history.header": ("Historik og tilbagerulning", "History and rollback"),
    "data.history.empty": ("Intet uploadet endnu: de indlejrede data vises.",
                           "Nothing uploaded yet: the embedded data is shown."),
    "data.history.version": ("Version", "Version"),
    "data.history.event": ("Hændelse", "Event"),
    "data.history.when": ("Tidspunkt", "Time"),
    "data.history.who": ("Hvem", "Who"),
    "data.history.rows": ("Rækker", "Rows"),
    "data.history.file": ("Oprindelig fil", "Original file"),
    "data.history.sha256": ("SHA-256", "SHA-256"),
    "data.history.current": ("Vises nu", "Shown now"),
    "data.event.import": ("Upload", "Upload"),
    "data.event.import.merge": ("Upload, flettet ind", "Upload, merged"),
    "data.event.import.replace": ("Upload, erstattede alt", "Upload, replaced everything"),
    "data.event.rollback": ("Tilbage til version {version}", "Back to version {version}"),
    "data.rollback.to": ("Vis igen", "Show again"),
    "data.rollback.embedded": ("0 – de indlejrede data", "0 – the embedded data"),
    "data.rollback.button": ("Rul tilbage", "Roll back"),
    "data.rolled_back": ("{dataset}: version {version} viser nu version {to}.",
                         "{dataset}: version {version} now shows version {to}."),
    "data.links.header": ("Links til læsere", "Links for readers"),
    "data.links.local": ("Links kræver hemmeligheder: kør `python -m healthtech init-secrets` (se docs/deploy.md).",
                         "Links need secrets: run `python -m healthtech init-secrets` (see docs/deploy.md)."),
    "data.links.role": ("Rolle", "Role"),
    "data.links.region": ("Kun region", "Region only"),
    "data.links.lasts": ("Gyldigt", "Valid"),
    "data.links.lasts.tomorrow": ("Til et møde: til i morgen", "For a meeting: until tomorrow"),
    "data.links.lasts.3h": ("3 timer", "3 hours"),
    "data.links.lasts.1d": ("1 døgn", "1 day"),
    "data.links.lasts.1w": ("1 uge", "1 week"),
    "data.links.lasts.2w": ("2 uger", "2 weeks"),
    "data.links.lasts.30d": ("30 dage", "30 days"),
    "data.links.lasts.90d": ("90 dage", "90 days"),
    "data.links.make": ("Lav link", "Make link"),
    "data.links.made": ("Linket vises kun denne ene gang – kopier det nu. Id: {token_id}, udløber {expires}.",
                        "The link is shown this once only – copy it now. Id: {token_id}, expires {expires}."),
    "data.links.id": ("Id", "Id"),
    "data.links.expires": ("Udløber", "Expires"),
    "data.links.made_by": ("Lavet af", "Made by"),
    "data.links.opened": ("Åbnet (gange)", "Opened (times)"),
    "data.links.last_opened": ("Senest åbnet", "Last opened"),
    "data.links.opened.explain": ("Åbnet tæller, hvor mange gange linket har åbnet dashboardet i en browser. Der "
                                  "gemmes kun tidspunktet – ikke hvem, ikke IP-adresse.",
                                  "Opened counts how many times the link has opened the dashboard in a browser. Only "
                                  "the time is kept – not who, not the IP address."),
    "data.links.status": ("Status", "Status"),
    "data.links.status.active": ("Aktivt", "Active"),
    "data.links.status.revoked": ("Trukket tilbage", "Revoked"),
    "data.links.status.expired": ("Udløbet", "Expired"),
    "data.links.none": ("Ingen links endnu.", "No links yet."),
    "data.links.revoke": ("Træk tilbage", "Revoke"),
    "data.links.revoked": ("Link {token_id} er trukket tilbage.", "Link {token_id} has been revoked."),
    "role.reviewer": ("Ministeriet (skrivebeskyttet)", "Ministry (read-only)"),
    "role.member": ("Styregruppe/klynge", "Steering group/cluster"),
    # Meeting pack (healthtech/pack.py)
    "pack.header": ("Mødepakke", "Meeting pack"),
    "pack.intro": ("Alle sider som PDF (A4, kan printes i sort-hvid) og alle tabeller som Excel-projektmappe, med "
                   "de filtre og det sprog, der er valgt nu.",
                   "Every page as a PDF (A4, prints in black and white) and every table as an Excel workbook, with "
                   "the filters and language chosen now."),
    "pack.make": ("Lav mødepakke", "Make meeting pack"),
    "pack.download.pdf": ("Download mødepakken (PDF)", "Download the meeting pack (PDF)"),
    "pack.download.xlsx": ("Download alle tabeller (Excel)", "Download every table (Excel)"),
    "pack.progress.charts": ("Tegner figurer …", "Drawing figures …"),
    "pack.progress.layout": ("Sætter siderne op …", "Laying out the pages …"),
    "pack.progress.done": ("Mødepakken er klar ({seconds} s)", "The meeting pack is ready ({seconds} s)"),
    "pack.progress.start": ("Laver mødepakken …", "Making the meeting pack …"),
    "pack.failed": ("Mødepakken kunne ikke laves: {error}", "The meeting pack could not be made: {error}"),
    "pack.cover.title": ("Danish Healthtech – mødepakke", "Danish Healthtech – meeting pack"),
    "pack.cover.period": ("Periode", "Period"),
    "pack.cover.data_as_of": ("Data pr.", "Data as of"),
    "pack.cover.made": ("Lavet", "Made"),
    "pack.cover.filters": ("Filtre", "Filters"),
    "pack.cover.not_applicable": ("Hvor filtrene ikke gælder", "Where the filters do not apply"),
    "pack.cover.language": ("Sprog", "Language"),
    "pack.cover.versions": ("Dataversioner", "Data versions"),
    "pack.cover.embedded": ("de indlejrede data (faktiske tal fra kildedokumenterne + eksempeldata)",
                            "the embedded data (real figures from the source documents + sample data)"),
    "pack.cover.note": (
        "Tal fra kildedokumenterne (ansøgningen og pressemeddelelserne, 2018) er faktiske tal med kilde. Alt "
        "mærket \"Eksempeldata\" er genererede eksempeldata, indtil en rigtig eksport erstatter dem.",
        "Figures from the source documents (the application and press releases, 2018) are real figures with "
        "their source. Everything marked \"Sample data\" is generated sample data until a real export replaces it."),
    "pack.figure": ("Figur {n}", "Figure {n}"),
    "pack.map": ("Kort", "Map"),
    "pack.page": ("Side {n} af {total}", "Page {n} of {total}"),
    "pack.table.cut": ("De første {shown} af {total} rækker; alle rækker står i Excel-projektmappen.",
                       "The first {shown} of {total} rows; every row is in the Excel workbook."),
    "pack.sheet.sources": ("Kilder og versioner", "Sources and versions"),
    # Excel sheet names, one per table (its query): whole within Excel's 31 characters, with room for " (2)"
    # when a table is in the pack twice (export.sheet_for; tests/test_exports.py checks every table has one).
    "sheet.overview/companies_stated_by_organisation": ("Virksomheder som oplyst", "Companies as stated"),
    "sheet.overview/reach_2018_by_channel": ("Rækkevidde 2018 pr. kanal", "Reach 2018 by channel"),
    "sheet.shared/effect_targets": ("Effektmål 2019-2020", "Effect targets 2019-2020"),
    "sheet.companies/by_cluster": ("Virksomheder pr. klynge", "Companies per cluster"),
    "sheet.companies/by_region": ("Virksomheder pr. region", "Companies per region"),
    "sheet.companies/by_size_band": ("Virksomheder pr. størrelse", "Companies by size"),
    "sheet.companies/by_membership": ("Tilknytning", "Membership"),
    "sheet.companies/joined_by_year": ("Tilknyttet pr. år", "Joined by year"),
    "sheet.companies/company_list": ("Virksomhedsliste", "Company list"),
    "sheet.reach/heat_table_2018": ("Rækkevidde 2018 (ansøgning)", "Reach 2018 (application)"),
    "sheet.reach/history_before_grant": ("Rækkevidde før bevillingen", "Reach before the grant"),
    "sheet.reach/by_channel_over_time": ("Rækkevidde over tid", "Reach over time"),
    "sheet.reach/growth_by_channel": ("Vækst pr. kanal", "Growth by channel"),
    "sheet.reach/growth_by_organisation": ("Vækst pr. organisation", "Growth by organisation"),
    "sheet.budget/split_by_funder": ("Budget pr. finansiering", "Budget by funder"),
    "sheet.budget/cumulative_actual_vs_plan": ("Forbrug mod plan", "Spending against plan"),
    "sheet.budget/funder_share_actual": ("Finansieringsandele", "Funder shares of spending"),
    "sheet.budget/area_actual_vs_plan": ("Forbrug pr. indsatsområde", "Spending by activity area"),
    "sheet.budget/previous_period_cofunding": ("Tidligere medfinansiering", "Previous co-funding"),
    "sheet.activities/planned_weighting": ("Planlagt vægtning", "Planned weighting"),
    "sheet.activities/held_by_area": ("Afholdte aktiviteter", "Activities held"),
    "sheet.activities/deliverables_progress": ("Leverancer", "Deliverables"),
    "sheet.activities/effect_targets_progress": ("Effektmål, fremdrift", "Effect targets, progress"),
    "sheet.sources/documents": ("Kildedokumenter", "Source documents"),
    "sheet.sources/dataset_rows": ("Datasæt", "Datasets"),
    # Upload validation (healthtech/ingest/): one message per problem code.
    "ingest.too_large": ("Filen er for stor (højst {limit_mb} MB).", "The file is too large (at most {limit_mb} MB)."),
    "ingest.empty_file": ("Filen er tom.", "The file is empty."),
    "ingest.header_only": ("Filen har en overskriftsrække, men ingen datarækker.",
                           "The file has a header row but no data rows."),
    "ingest.old_xls": ("Gammelt Excel-format (.xls): gem som .xlsx eller CSV.",
                       "Old Excel format (.xls): save as .xlsx or CSV."),
    "ingest.not_xlsx": ("Filen hedder .xlsx, men er ikke en Excel-projektmappe.",
                        "The file is named .xlsx but is not an Excel workbook."),
    "ingest.csv_is_excel": ("Filen hedder .csv, men er en Excel-projektmappe: gem som CSV eller upload som .xlsx.",
                            "The file is named .csv but is an Excel workbook: save as CSV or upload it as .xlsx."),
    "ingest.not_text": ("Filen hedder .csv, men er ikke tekst.", "The file is named .csv but is not text."),
    "ingest.unsupported_extension": ("Filtypen {extension} kan ikke læses: brug .csv eller .xlsx.",
                                     "File type {extension} cannot be read: use .csv or .xlsx."),
    "ingest.encoding": ("Tegnkodningen kan ikke læses (ikke gyldig {encoding}): gem som CSV UTF-8.",
                        "The character encoding cannot be read (not valid {encoding}): save as CSV UTF-8."),
    "ingest.mojibake": ("Teksten er kodet forkert (\"{text}\" hvor der skulle stå æ, ø eller å): gem som CSV UTF-8 "
                        "fra den oprindelige fil.",
                        "The text is wrongly encoded (\"{text}\" where æ, ø or å should be): save as CSV UTF-8 "
                        "from the original file."),
    "ingest.bad_quotes": ("Et anførselstegn, der åbner her, bliver aldrig lukket.",
                          "A quote that opens here is never closed."),
    "ingest.unknown_column": ("Ukendt kolonne: ignoreret.", "Unknown column: ignored."),
    "ingest.duplicate_column": ("Kolonnen findes to gange (første gang som \"{first}\").",
                                "The column appears twice (first as \"{first}\")."),
    "ingest.missing_column": ("Kolonnen mangler ({names}).", "The column is missing ({names})."),
    "ingest.ragged_row": ("Rækken har {found} celler, overskriften {expected}.",
                          "The row has {found} cells, the header {expected}."),
    "ingest.totals_row": ("Sumrække (\"I alt\"/\"Total\"): udeladt, så intet tælles dobbelt.",
                          "Totals row (\"I alt\"/\"Total\"): left out so that nothing counts twice."),
    "ingest.missing_value": ("Værdi mangler.", "Value missing."),
    "ingest.excel_error": ("Excel-fejlværdi {value}.", "Excel error value {value}."),
    "ingest.not_a_number": ("\"{value}\" er ikke et tal.", "\"{value}\" is not a number."),
    "ingest.other_convention": ("\"{value}\" er skrevet med en anden talkonvention end resten af filen.",
                                "\"{value}\" is written in another number convention than the rest of the file."),
    "ingest.not_finite": ("\"{value}\" er ikke et endeligt tal.", "\"{value}\" is not a finite number."),
    "ingest.fractional_count": ("\"{value}\" er ikke et helt antal.", "\"{value}\" is not a whole count."),
    "ingest.not_an_integer": ("\"{value}\" er ikke et helt tal.", "\"{value}\" is not a whole number."),
    "ingest.out_of_range": ("\"{value}\" er for stort (højst {limit}).", "\"{value}\" is too large (at most {limit})."),
    "ingest.negative_count": ("\"{value}\": et antal kan ikke være negativt.",
                              "\"{value}\": a count cannot be negative."),
    "ingest.not_a_date": ("\"{value}\" er ikke en dato (brug 30-06-2020 eller 2020-06-30).",
                          "\"{value}\" is not a date (use 30-06-2020 or 2020-06-30)."),
    "ingest.impossible_date": ("\"{value}\" er ikke en gyldig dato.", "\"{value}\" is not a valid date."),
    "ingest.not_a_month": ("\"{value}\" er ikke en måned (brug 06-2020, 2020-06 eller juni 2020).",
                           "\"{value}\" is not a month (use 06-2020, 2020-06 or June 2020)."),
    "ingest.unknown_code": ("Ukendt værdi \"{value}\" (tilladt: {allowed}).",
                            "Unknown value \"{value}\" (allowed: {allowed})."),
    "ingest.unknown_municipality": ("Ukendt kommune \"{value}\".", "Unknown municipality \"{value}\"."),
    "ingest.unknown_region": ("Ukendt region \"{value}\".", "Unknown region \"{value}\"."),
    "ingest.region_mismatch": ("{municipality} ligger i {region}, ikke i region {given}.",
                               "{municipality} lies in {region}, not in region {given}."),
    "ingest.not_a_cvr": ("\"{value}\" er ikke et CVR-nummer (8 cifre).", "\"{value}\" is not a CVR number (8 digits)."),
    "ingest.pre_grant": ("Rækker før bevillingsperioden (1. dec. 2018): {rows}. De gemmes som kanalernes historik før "
                         "bevillingen og vises ved siden af ansøgningens tabel fra 2018 – ikke som udgangspunkt.",
                         "Rows before the grant period (1 Dec 2018): {rows}. They are kept as the channels' history "
                         "before the grant and shown beside the application's 2018 table – not as the baseline."),
    "ingest.document_figure": (
        "Samme nøgle som et tal fra dokumenterne ({organisation} · {channel} · {as_of}: {count}; kilde {source}). "
        "Dokumentets tal vises; rækken gemmes, men vises ikke.",
        "Same key as a figure from the documents ({organisation} · {channel} · {as_of}: {count}; source {source}). "
        "The document's figure is shown; the row is stored but not shown."),
    "ingest.new_channel": ("Ny kanal: {value}. Den vises under sit eget navn på siden Rækkevidde.",
                           "New channel: {value}. It is shown under its own name on the Reach page."),
    "ingest.zero_persons": ("\"{value}\" personer: en deltagelse har mindst én person – ret eller slet rækken.",
                            "\"{value}\" persons: a participation has at least one person – fix or delete the row."),
    "ingest.control_character": ("\"{value}\" indeholder usynlige styretegn (vist som ?).",
                                 "\"{value}\" contains invisible control characters (shown as ?)."),
    "ingest.sheet_too_large": ("Arket er {rows} rækker × {columns} kolonner – mere end et dataudtræk kan være.",
                               "The sheet is {rows} rows × {columns} columns – more than a data export can be."),
    "ingest.too_many_rows": ("Filen har mere end {limit} rækker – mere end et dataudtræk kan være: læsningen stoppede "
                             "her.",
                             "The file has more than {limit} rows – more than a data export can be: reading stopped "
                             "here."),
    "ingest.zip_members": ("Projektmappen har {count} dele (højst {limit}): det er ikke et dataudtræk.",
                           "The workbook has {count} parts (at most {limit}): that is not a data export."),
    "ingest.zip_member_too_large": ("Delen {member} fylder {size_mb} MB udpakket (højst {limit_mb} MB).",
                                    "The part {member} is {size_mb} MB unpacked (at most {limit_mb} MB)."),
    "ingest.zip_total_too_large": ("Projektmappen fylder {size_mb} MB udpakket (højst {limit_mb} MB).",
                                   "The workbook is {size_mb} MB unpacked (at most {limit_mb} MB)."),
    "ingest.zip_ratio": ("Delen {member} pakkes {ratio} gange ud (højst {limit}): en zip-bombe, ikke et dataudtræk.",
                         "The part {member} unpacks {ratio} times (at most {limit}): a zip bomb, not a data export."),
    "ingest.parse_memory": ("Læsningen af filen brugte mere end {limit_mb} MB hukommelse og blev stoppet.",
                            "Reading the file took more than {limit_mb} MB of memory and was stopped."),
    "ingest.parse_time": ("Læsningen af filen tog mere end {limit_s} sekunders CPU-tid og blev stoppet.",
                          "Reading the file took more than {limit_s} seconds of CPU time and was stopped."),
    "ingest.parse_failed": ("Læsningen af filen stoppede uventet (status {status}); intet er ændret.",
                            "Reading the file stopped unexpectedly (status {status}); nothing has changed."),
    "ingest.duplicate_key": ("Samme nøgle som række {first}.", "Same key as row {first}."),
    "channel.newsletter": ("Nyhedsbreve", "Newsletters"),
    "channel.linkedin_group": ("LinkedIn-diskussionsfora", "LinkedIn discussion groups"),
    "channel.linkedin_page": ("LinkedIn-virksomhedssider", "LinkedIn company pages"),
    "channel.twitter": ("Twitter", "Twitter"),
    "channel_short.newsletter": ("Nyhedsbreve", "Newsletters"),
    "channel_short.linkedin_group": ("LinkedIn-fora", "LinkedIn groups"),
    "channel_short.linkedin_page": ("LinkedIn-sider", "LinkedIn pages"),
    "channel_short.twitter": ("Twitter", "Twitter"),
    "kind.cluster": ("Regional klynge", "Regional cluster"),
    "kind.network": ("Innovationsnetværk (lagt sammen)", "Innovation network (merged in)"),
    "kind.university": ("Universitet", "University"),
    "kind.gts": ("GTS-institut", "GTS institute"),
    "basis.member_companies": ("medlemsvirksomheder (LSI Erhvervsforening)",
                               "member companies (LSI business association)"),
    "basis.active_dedicated": ("aktive, dedikerede virksomheder (ingen erhvervsforening)",
                               "active, dedicated companies (no member association)"),
    "basis.companies_of_195_members": ("virksomheder blandt foreningens 195 medlemmer",
                                       "companies among the association's 195 members"),
    "basis.worked_with_2017": ("virksomheder, som klyngen samarbejdede med i 2017 (ingen medlemmer)",
                               "companies the cluster worked with in 2017 (no members)"),
    "basis.dedicated_end_2017": ("dedikerede virksomheder ultimo 2017", "dedicated companies at the end of 2017"),
    "qualifier.almost": ("knap {n}", "almost {n}"),
    "qualifier.over": ("over {n}", "more than {n}"),
    "qualifier.more_than": ("mere end {n}", "more than {n}"),
    "target.company_persons": (
        "Virksomhedspersoner har deltaget i vidensspredning, kompetenceudvikling og matchmaking",
        "Company persons took part in dissemination, competence development and matchmaking"),
    "target.companies_in_collaboration": ("Virksomheder har indgået i samarbejdsprojekter",
                                          "Companies took part in collaboration projects"),
    "target.companies_new_research_groups": (
        "– heraf virksomheder med forskergrupper, de ikke tidligere har samarbejdet med",
        "– of which companies with research groups they had not worked with before"),
    "target.companies_international_contacts": ("Virksomheder har opnået nye internationale samarbejdskontakter",
                                                "Companies gained new international collaboration contacts"),
    "target.companies_internationalisation_competences": (
        "Virksomheder har opnået nye internationaliseringskompetencer",
        "Companies gained new internationalisation competences"),
    "target.companies_regulatory_competences": ("Virksomheder har opnået nye regulatoriske kompetencer",
                                                "Companies gained new regulatory competences"),
    "target.consortia": ("Konsortier af national eller international karakter, som netværket bidrager til",
                         "National or international consortia the network helps to form"),
    "unit.persons": ("personer", "persons"),
    "unit.companies": ("virksomheder", "companies"),
    "unit.reach": ("modtagere og følgere", "recipients and followers"),
    "unit.consortia": ("konsortier", "consortia"),
    "deliverable.newsletters": ("Nyhedsbreve", "Newsletters"),
    "deliverable.whitepapers": ("Whitepapers", "Whitepapers"),
    "deliverable.conferences": ("Konferencer, seminarer, summits", "Conferences, seminars, summits"),
    "deliverable.after_work_meetings": ("Gå-hjem-møder", "After-work meetings"),
    "deliverable.workshops": ("Workshops", "Workshops"),
    "deliverable.matchmaking_events": ("Formelle matchmaking-arrangementer", "Formal matchmaking events"),
    "deliverable.collaboration_projects": ("Samarbejdsprojekter af tværregional/national karakter",
                                           "Cross-regional/national collaboration projects"),
    "deliverable.study_trips": ("\"Deep-dive\"-studieture", "\"Deep-dive\" study trips"),
    "kind.newsletter": ("Nyhedsbrev", "Newsletter"),
    "kind.whitepaper": ("Whitepaper", "Whitepaper"),
    "kind.conference": ("Konference", "Conference"),
    "kind.after_work_meeting": ("Gå-hjem-møde", "After-work meeting"),
    "kind.workshop": ("Workshop", "Workshop"),
    "kind.matchmaking": ("Matchmaking-arrangement", "Matchmaking event"),
    "kind.collaboration_project": ("Samarbejdsprojekt", "Collaboration project"),
    "kind.study_trip": ("Studietur", "Study trip"),
    "kind.other": ("Andet", "Other"),
    "kind.press_release": ("Pressemeddelelse", "Press release"),
    "kind.application": ("Ansøgning", "Application"),
    "kind.news": ("Nyhed", "News item"),
    "language.da": ("dansk", "Danish"),
    "language.en": ("engelsk", "English"),
    "organisation.total": ("I alt", "Total"),
    "organisation.LSI": ("LifeScience Innovation North Denmark", "LifeScience Innovation North Denmark"),
    "organisation.MTIC": ("MedTech Innovation Consortium", "MedTech Innovation Consortium"),
    "organisation.WT": ("Welfare Tech", "Welfare Tech"),
    "organisation.CHC": ("Copenhagen Healthtech Cluster", "Copenhagen Healthtech Cluster"),
    "organisation.MTI": ("MedTech Innovation", "MedTech Innovation"),
    "organisation.ISV": ("Welfare Tech Innovationsnetværk (ISV)", "Welfare Tech Innovation Network (ISV)"),
}


def normalise(lang: str | None) -> str:
    return lang if lang in LANGS else DEFAULT_LANG


def t(key: str, lang: str, **values) -> str:
    da, en = TEXTS[key]
    text = en if lang == "en" else da
    return text.format(**values) if values else text


def label(namespace: str, code, lang: str) -> str:
    key = f"{namespace}.{code}"
    return t(key, lang) if key in TEXTS else str(code)
