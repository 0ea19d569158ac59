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
    "nav.overview": ("Overblik", "Overview"),
    "nav.budget": ("Budget", "Budget"),
    "nav.activities": ("Aktiviteter", "Activities"),
    "nav.sources": ("Kilder", "Sources"),
    "nav.companies": ("Virksomheder", "Companies"),
    "nav.reach": ("Rækkevidde", "Reach"),
    "data_as_of": ("Data pr. {when}", "Data as of {when}"),
    "data_as_of.help": ("Seneste ændring af datafilerne bag dashboardet.",
                        "Last change of the data files behind the dashboard."),
    "facts.caption": ("Faktiske tal fra kildedokumenterne", "Actual figures from the source documents"),
    "sample.label": ("Eksempeldata – ikke faktiske tal", "Sample data – not real figures"),
    "sample.explain": (
        "Tallene her er genererede eksempeldata, der stemmer med tallene i kildedokumenterne, indtil en egentlig "
        "dataeksport erstatter dem.",
        "These figures are generated sample data, consistent with the figures in the source documents, until a "
        "real export replaces them."),
    "source.caption": ("Kilde: {sources}", "Source: {sources}"),
    "download.csv": ("Download CSV", "Download CSV"),
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
    "filters.and": ("og", "and"),
    "filters.not_applicable.one": ("Filteret for {names} gælder ikke på denne side: {reason}",
                                   "The {names} filter does not apply on this page: {reason}"),
    "filters.not_applicable.many": ("Filtrene for {names} gælder ikke på denne side: {reason}",
                                    "The {names} filters do not apply on this page: {reason}"),
    # Why, per page whose data lacks a filter's dimension (`app.page(name, dimensions=...)`).
    "filters.not_applicable.overview": (
        "tallene er for hele netværket og hele bevillingsperioden, som kildedokumenterne opgør dem.",
        "the figures are for the whole network and the whole grant period, as the source documents state them."),
    "filters.not_applicable.budget": (
        "budgettet og forbruget opgøres for hele netværket, ikke pr. region eller klynge.",
        "the budget and the spending are accounted for the whole network, not by region or cluster."),
    "filters.not_applicable.companies": (
        "virksomhedslisten er et øjebliksbillede af netværkets virksomheder, ikke opdelt på perioder.",
        "the company list is a snapshot of the network's companies, not split by period."),
    "filters.not_applicable.sources": (
        "siden beskriver datasættene og kildedokumenterne, ikke tallene i dem.",
        "this page describes the datasets and the source documents, not the figures in them."),
    "period.all": ("Hele perioden", "Whole period"),
    "period.y1": ("År 1", "Year 1"),
    "period.y2": ("År 2", "Year 2"),
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
    "companies.intro": ("Hvor netværkets virksomheder holder til, fordelt på regioner, kommuner og klynger. Hold "
                        "musen over kortet for at se antallet pr. område; vælg en region i filtrene eller en kommune "
                        "over listen for at se virksomhederne.",
                        "Where the network's companies are, by region, municipality and cluster. Hover over the map "
                        "to see the count per area; choose a region in the filters or a municipality above the list "
                        "to see the companies."),
    "companies.metric.companies": ("Virksomheder", "Companies"),
    "companies.metric.paying": ("Betalende medlemmer", "Paying members"),
    "companies.metric.small": ("Med 1-10 ansatte", "With 1-10 employees"),
    "companies.metric.municipalities": ("Kommuner", "Municipalities"),
    "companies.map.title": ("Kort over virksomhederne", "Map of the companies"),
    "companies.map.layer": ("Vis", "Show"),
    "companies.map.legend": ("Virksomheder pr. område", "Companies per area"),
    "layer.regions": ("Regioner", "Regions"),
    "layer.municipalities": ("Kommuner", "Municipalities"),
    "companies.by_cluster.title": ("Virksomheder pr. klynge og netværk", "Companies per cluster and network"),
    "companies.by_region.title": ("Virksomheder pr. region", "Companies per region"),
    "companies.size.title": ("Størrelse", "Size"),
    "companies.size.axis": ("Virksomheder efter antal ansatte", "Companies by number of employees"),
    "companies.membership.title": ("Tilknytning", "Membership"),
    "companies.joined.title": ("Tilknyttet over tid", "Joined over time"),
    "companies.list.title": ("Virksomhederne", "The companies"),
    "companies.list.caption": ("{n} virksomheder. Søg i tabellen med forstørrelsesglasset.",
                               "{n} companies. Search the table with the magnifying glass."),
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
    "activities.realised.title": ("Vægtning: planlagt mod realiseret", "Weighting: planned against realised"),
    "activities.realised.spend_note": (
        "Forbruget har ingen regional dimension: andelen af forbruget er for hele netværket; antallet af "
        "aktiviteter følger filtrene.",
        "Spending has no regional dimension: the share of spending is network-wide; the number of activities "
        "follows the filters."),
    "activities.weighting.planned": ("Planlagt vægt", "Planned weight"),
    "activities.weighting.spend": ("Andel af forbruget", "Share of spending"),
    "activities.weighting.count": ("Andel af aktiviteterne", "Share of activities"),
    "activities.deliverables.progress": ("Leveret mod planlagt interval", "Delivered against the planned range"),
    "activities.deliverables.range": ("Planlagt interval", "Planned range"),
    "activities.targets.progress": ("Fremdrift mod effektmålene", "Progress towards the effect targets"),
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
        "Hvert tal kan spores: side → forespørgsel i queries/ → datasæt → række i en datafil med kilde. "
        "Faktiske tal kommer fra de offentlige kildedokumenter; alt andet er mærket som eksempeldata.",
        "Every figure can be traced: page → query in queries/ → dataset → row in a data file with its source. "
        "Real figures come from the public source documents; everything else is labelled as sample data."),
    "sources.datasets.title": ("Datasæt", "Datasets"),
    "sources.documents.title": ("Kildedokumenter", "Source documents"),
    "sources.document.show": ("Vis kildedokument", "Show source document"),
    "sources.geo.title": ("Kortdata", "Map data"),
    "sources.geo.credit": (
        "Grænser: DAGI, Geodatastyrelsen (nu Klimadatastyrelsen) & Danske Kommuner, 2014, via "
        "github.com/Neogeografen/dagi. Forenklet. Se data/geo/SOURCE.md.",
        "Boundaries: DAGI, Geodatastyrelsen (now Klimadatastyrelsen) & Danske Kommuner, 2014, via "
        "github.com/Neogeografen/dagi. Simplified. See data/geo/SOURCE.md."),
    "origin.real": ("Faktiske tal", "Real"),
    "origin.sample": ("Eksempeldata", "Sample"),
    "origin.real+sample": ("Faktiske tal + eksempeldata", "Real + sample"),
    "origin.empty": ("Ingen data endnu", "No data yet"),
    # Column headers
    "col.companies": ("Virksomheder", "Companies"),
    "col.month": ("Måned", "Month"),
    "col.actual": ("Forbrug (kr.)", "Spending (DKK)"),
    "col.cumulative_actual": ("Akkumuleret forbrug", "Cumulative spending"),
    "col.cumulative_plan": ("Akkumuleret plan", "Cumulative plan"),
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
    "col.modified": ("Senest ændret", "Last modified"),
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
    "document.press_release": ("Pressemeddelelse", "Press release"),
    "document.application": ("Ansøgning", "Application"),
    "document.news": ("Nyhed", "News item"),
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
