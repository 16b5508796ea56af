using System.Globalization;
using System.Text;
using IbtDialogue.Contributions;
using IbtDialogue.Dialogues;
using IbtDialogue.Minutes;
using IbtDialogue.Participants;
using IbtDialogue.Persistence;
using IbtDialogue.Protocol;
using IbtDialogue.Voting;
using Microsoft.EntityFrameworkCore;

namespace IbtDialogue.NationalPicture;

/// <summary>How much demo data to make: the defaults are the demo set; the benchmark asks for more.</summary>
/// <param name="ThemesPerDialogue">0: the themes of the domain's official template; more: its themes over and over.</param>
/// <param name="RisksPerTheme">Catalogue risks on each theme's vote (made up where the catalogue has fewer).</param>
/// <param name="ParticipantsPerDialogue">0: 6 to 12 municipalities of the region, a GGD and a childcare organisation.</param>
public sealed record DemoShape(int Dialogues = 40, int Years = 3, int Regions = 12, int ThemesPerDialogue = 0, int RisksPerTheme = 4, int ParticipantsPerDialogue = 0);

/// <summary>
/// A made-up but plausible history for a new install, so the national picture has something to show: closed
/// dialogues over several years and regions with their votes and good practices, the catalogue risks they
/// weighed, findings and an indicator. Everything it makes says "Demo" (the dialogues are marked, the
/// picture's pages say so), and it is only ever made by <c>seed-demo</c>, never at start.
/// </summary>
public sealed class DemoData(IDbContextFactory<DialogueDb> dbFactory, NationalPictureCounter counter, IndicatorService indicators, MinutesComposer composer, TimeProvider clock)
{
    public const string Label = "Demo";
    private const string Source = "Demogegevens (verzonnen)";

    /// <summary>Catalogue risks per framework theme: what an analyst might have written.</summary>
    private static readonly Dictionary<string, string[]> RiskTitles = new()
    {
        ["ko-doel-van-de-wet"] = ["De doelen van de Wet kinderopvang zijn niet vertaald naar gemeentelijk beleid", "Ouders weten niet waar ze signalen kunnen melden", "Toezicht heeft geen plek in de begroting"],
        ["ko-risicogestuurd-toezicht"] = ["Niet alle verplichte jaarlijkse inspecties worden uitgevoerd", "Te weinig capaciteit bij de GGD", "Nieuwe locaties worden niet op tijd geïnspecteerd", "Risicoprofielen worden niet bijgehouden"],
        ["ko-handhaving"] = ["Herstelaanbod zonder termijn of controle", "Last onder dwangsom wordt niet ingevorderd", "Het handhavingsbeleid is verouderd", "Handhaving duurt te lang"],
        ["ko-lrk"] = ["Het LRK bevat locaties die niet meer bestaan", "Wijzigingen worden niet binnen de termijn verwerkt", "Gastouders staan ten onrechte in het register"],
        ["ko-gastouderopvang"] = ["Gastouders worden niet steekproefsgewijs bezocht", "Te weinig zicht op voorzieningen voor gastouderopvang", "Bemiddelingsbureaus worden niet aangesproken"],
        ["ko-kwaliteitscyclus"] = ["Het jaarverslag wordt niet vastgesteld", "Het toezicht wordt niet met de GGD geëvalueerd", "De raad wordt niet geïnformeerd"],
        ["lea-overleg"] = ["Niet alle partners zitten aan tafel", "Afspraken uit het LEA worden niet gevolgd", "Het onderwijsachterstandenbeleid is niet afgestemd"],
        ["lea-integratie"] = ["Voorschoolse educatie bereikt de doelgroep niet", "Te weinig uren voorschoolse educatie aangeboden", "Overdracht naar de basisschool ontbreekt"],
    };

    private static readonly (string Title, string What, string Why, CycleStep Step, string Domain)[] Practices =
    [
        ("Samen inspecteren met de GGD", "Toezichthouder en gemeente bezoeken nieuwe locaties samen.", "Korte lijnen en snellere besluiten over handhaving.", CycleStep.Do, "ko"),
        ("Maandelijks handhavingsoverleg", "Elke maand bespreken gemeente en GGD alle lopende handhavingstrajecten.", "Geen overtreding blijft liggen.", CycleStep.Check, "ko"),
        ("Risicoprofiel per locatie", "De GGD houdt per locatie een risicoprofiel bij dat bepaalt hoe vaak er geïnspecteerd wordt.", "De capaciteit gaat naar waar de risico's zijn.", CycleStep.Plan, "ko"),
        ("Jaarverslag in de raadscommissie", "Het jaarverslag toezicht kinderopvang wordt elk jaar in de raadscommissie besproken.", "De raad stuurt mee op kwaliteit.", CycleStep.Act, "ko"),
        ("Elk kwartaal het LRK nagelopen", "Elk kwartaal vergelijkt de gemeente het register met de eigen administratie.", "Het register blijft actueel.", CycleStep.Check, "ko"),
        ("Gastouders met een steekproef bezocht", "Vijf procent van de gastouders wordt elk jaar onaangekondigd bezocht.", "Ook bij gastouders zicht op kwaliteit.", CycleStep.Do, "ko"),
        ("Herstelaanbod met een vaste termijn", "Bij elk herstelaanbod staat een datum waarop de GGD opnieuw kijkt.", "Herstel wordt echt gecontroleerd.", CycleStep.Act, "ko"),
        ("LEA-agenda samen opgesteld", "Gemeente en schoolbesturen stellen de agenda van het LEA samen op.", "Iedereen herkent zich in de afspraken.", CycleStep.Plan, "lea"),
        ("Bereik van voorschoolse educatie per wijk", "Het bereik wordt per wijk gevolgd en elk halfjaar besproken.", "Extra inzet waar het bereik achterblijft.", CycleStep.Check, "lea"),
    ];

    /// <summary>Whether demo data is in this database (pages then say so).</summary>
    public async Task<bool> PresentAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Dialogues.AnyAsync(d => d.IsDemo, cancellationToken);
    }

    /// <summary>Makes the demo data and counts it; answers the number of dialogues made, or 0 when demo data is there already.</summary>
    public async Task<int> SeedAsync(DemoShape shape, CancellationToken cancellationToken)
    {
        if (await PresentAsync(cancellationToken))
        {
            return 0;
        }

        var random = new Random(2025);
        var now = clock.GetUtcNow().UtcDateTime;
        var years = Enumerable.Range(now.Year - shape.Years + 1, shape.Years).ToArray();
        var regions = Regions.GgdRegions.OrderBy(_ => random.Next()).Take(shape.Regions).Order(StringComparer.Ordinal).ToArray();
        var catalogue = await CatalogueAsync(shape.RisksPerTheme, now, cancellationToken);

        for (var i = 0; i < shape.Dialogues; i++)
        {
            var domain = i % 4 == 3 ? Domain.LeaConsultation : Domain.ChildcareSupervision;
            var year = years[i % years.Length];
            var region = regions[i % regions.Length];
            await DialogueAsync(i, domain, year, region, shape, catalogue, random, now, cancellationToken);
        }

        await FindingsAsync(now, cancellationToken);
        await IndicatorAsync(years, random, cancellationToken);
        await counter.RebuildAllAsync(cancellationToken);
        return shape.Dialogues;
    }

    /// <summary>The catalogue risks of every framework theme, topped up with demo risks to the number asked.</summary>
    private async Task<Dictionary<string, List<CatalogueRisk>>> CatalogueAsync(int perTheme, DateTime now, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var result = new Dictionary<string, List<CatalogueRisk>>();
        foreach (var theme in BuiltInTemplates.Themes)
        {
            var risks = await db.CatalogueRisks.Where(r => r.Domain == theme.Domain && r.ThemeKey == theme.Key && !r.Retired).OrderBy(r => r.Id).ToListAsync(cancellationToken);
            var titles = RiskTitles.GetValueOrDefault(theme.Key, []).Concat(Enumerable.Range(1, perTheme).Select(n => $"{Label}risico {n}"));
            foreach (var title in titles.Where(t => risks.All(r => r.Title != t)).Take(Math.Max(0, perTheme - risks.Count)))
            {
                var risk = new CatalogueRisk { Domain = theme.Domain, ThemeKey = theme.Key, Title = title, Source = Source, CreatedAt = now };
                db.CatalogueRisks.Add(risk);
                risks.Add(risk);
            }

            result[theme.Key] = [.. risks.Take(perTheme)];
        }

        await db.SaveChangesAsync(cancellationToken);
        return result;
    }

    private async Task DialogueAsync(
        int index, Domain domain, int year, string region, DemoShape shape, Dictionary<string, List<CatalogueRisk>> catalogue, Random random, DateTime now, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var frameworkThemes = BuiltInTemplates.Themes.Where(t => t.Domain == domain).ToList();
        var themeCount = shape.ThemesPerDialogue > 0 ? shape.ThemesPerDialogue : frameworkThemes.Count;
        var latest = year == now.Year ? Math.Max(1, now.DayOfYear - 1) : 330;
        var date = new DateOnly(year, 1, 1).AddDays(random.Next(31, Math.Max(32, latest)));
        var closedAt = date.ToDateTime(new TimeOnly(16, 0), DateTimeKind.Utc);
        var dialogue = new Dialogue
        {
            Title = $"{Label} – lerende dialoog {DialogueTexts.Domain(domain).ToLower(CultureInfo.GetCultureInfo("nl-NL"))}, {region} {year}",
            Date = date,
            Domain = domain,
            Year = year,
            Region = region,
            IsDemo = true,
            JoinCode = JoinCodes.Create(),
            ResultsKey = StoredSecrets.Create(),
            Status = DialogueStatus.Closed,
            InputLocked = true,
            CreatedAt = closedAt.AddDays(-14),
            OpenedAt = closedAt.AddHours(-3),
            ClosedAt = closedAt,
            Themes =
            [
                .. Enumerable.Range(0, themeCount).Select(t =>
                {
                    var framework = frameworkThemes[t % frameworkThemes.Count];
                    return new Theme
                    {
                        Position = t + 1,
                        Title = framework.Title,
                        ThemeKey = framework.Key,
                        VoteMethod = (index + t) % 3 == 2 ? VoteMethod.Matrix : VoteMethod.Dots,
                        DotBudget = 5,
                        DotCap = 3,
                        VoteState = VoteState.Closed,
                        ResultsRevealed = true,
                    };
                }),
            ],
        };
        db.Dialogues.Add(dialogue);
        await db.SaveChangesAsync(cancellationToken);

        var participants = People(dialogue, domain, region, shape.ParticipantsPerDialogue, random);
        db.Participants.AddRange(participants);
        await db.SaveChangesAsync(cancellationToken);

        var voters = participants.Where(p => p.OrganisationType != OrganisationType.Inspectorate).ToList();
        foreach (var theme in dialogue.Themes)
        {
            var onList = catalogue[theme.ThemeKey!];
            var risks = onList.Select((c, position) => new Risk
            {
                DialogueId = dialogue.Id, ThemeId = theme.Id, Position = position + 1, Title = c.Title, Status = RiskStatus.Accepted, CatalogueRiskId = c.Id, CreatedAt = dialogue.CreatedAt,
            }).ToList();
            db.Risks.AddRange(risks);
            await db.SaveChangesAsync(cancellationToken);
            db.Votes.AddRange(Ballots(dialogue, theme, risks, voters, random, closedAt));
        }

        // One or two good practices, in the theme's "goede voorbeelden" phase.
        var fitting = Practices.Where(p => p.Domain == (domain == Domain.LeaConsultation ? "lea" : "ko")).ToArray();
        foreach (var n in Enumerable.Range(0, 1 + (index % 2)))
        {
            var practice = fitting[(index + n * 3) % fitting.Length];
            var author = voters[random.Next(voters.Count)];
            var consent = index % 3 == 0;
            db.Contributions.Add(new Contribution
            {
                DialogueId = dialogue.Id,
                ThemeId = dialogue.Themes[n % dialogue.Themes.Count].Id,
                Kind = ContributionKind.GoodPractice,
                Text = practice.What,
                ParticipantId = author.Id,
                CreatedAt = closedAt.AddHours(-2),
                Status = ContributionStatus.Visible,
                PracticeTitle = practice.Title,
                PracticeWhy = practice.Why,
                PracticeOrganisation = author.Organisation,
                PracticeStep = practice.Step,
                ContactName = consent ? $"{Label}contact {author.Organisation}" : null,
                ContactDetails = consent ? "demo@voorbeeld.invalid" : null,
                ContactConsentAt = consent ? closedAt.AddHours(-2) : null,
            });
        }

        await db.SaveChangesAsync(cancellationToken);

        // The minutes as closing composes them, and for every other dialogue a published summary.
        var record = await MinutesRecord.LoadAsync(db, dialogue, cancellationToken);
        var minutes = composer.Compose(record);
        var published = index % 2 == 0;
        db.MinutesVersions.Add(new MinutesVersion
        {
            DialogueId = dialogue.Id, Number = 1, Markdown = minutes, CreatedAt = closedAt, Source = MinutesSource.Composed, FinalAt = published ? closedAt.AddDays(7) : null,
        });
        if (published)
        {
            db.PublishedSummaries.Add(new PublishedSummary
            {
                DialogueId = dialogue.Id,
                Title = dialogue.Title,
                Date = dialogue.Date,
                Markdown = $"# {dialogue.Title}\n\nDit is een verzonnen samenvatting uit de demogegevens van Lerende dialogen.\n",
                Themes = string.Join(", ", dialogue.Themes.Select(t => t.Title)),
                IsPublished = true,
                FirstPublishedAt = closedAt.AddDays(7),
                UpdatedAt = closedAt.AddDays(7),
                UpdatedByUserId = Label,
                MinutesNumber = 1,
            });
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Participants: municipalities of the region (some more than once when many are asked), a GGD, a childcare organisation, an inspector.</summary>
    private static List<Participant> People(Dialogue dialogue, Domain domain, string region, int count, Random random)
    {
        var towns = Regions.All.Where(m => m.GgdRegion == region).Select(m => m.Name).OrderBy(_ => random.Next()).ToList();
        var people = new List<(string Organisation, OrganisationType Type)>();
        var municipalities = count > 0 ? Math.Max(1, count - 3) : Math.Min(towns.Count, random.Next(6, 13));
        people.AddRange(Enumerable.Range(0, municipalities).Select(i => (towns[i % towns.Count], OrganisationType.Municipality)));
        people.Add((region, OrganisationType.Ggd));
        people.Add(domain == Domain.LeaConsultation ? ("Stichting Openbaar Onderwijs (demo)", OrganisationType.SchoolBoard) : ("Kinderopvang De Regenboog (demo)", OrganisationType.ChildcareOrganisation));
        people.Add(("Inspectie van het Onderwijs", OrganisationType.Inspectorate));
        return [.. people.Select((p, i) => new Participant
        {
            DialogueId = dialogue.Id,
            DisplayName = $"{Label}deelnemer {i + 1}",
            Organisation = p.Organisation,
            IsMunicipality = p.Type == OrganisationType.Municipality,
            OrganisationType = p.Type,
            TokenHash = StoredSecrets.Hash(StoredSecrets.Create()),
            JoinedAt = dialogue.OpenedAt!.Value,
            LastLeftAt = dialogue.ClosedAt,
        })];
    }

    /// <summary>
    /// Votes with a national pattern and some regional noise: the first risks on a theme's list weigh more
    /// everywhere, each dialogue shifts that a little. Dots: 5 points, at most 3 on one risk. The dialogues are
    /// closed, so the ballots are secret already: a ballot number per voter, no link to the participant.
    /// </summary>
    private static IEnumerable<Vote> Ballots(Dialogue dialogue, Theme theme, List<Risk> risks, List<Participant> voters, Random random, DateTime at)
    {
        var weight = risks.Select((_, i) => (risks.Count - i) * (0.6 + random.NextDouble())).ToArray();
        foreach (var (voter, ballot) in voters.Zip(Enumerable.Range(1, voters.Count).OrderBy(_ => random.Next())))
        {
            var municipality = voter.OrganisationType == OrganisationType.Municipality ? voter.Organisation : null;
            if (theme.VoteMethod == VoteMethod.Matrix)
            {
                for (var i = 0; i < risks.Count; i++)
                {
                    var level = 1 + (int)Math.Round(4 * weight[i] / weight.Max());
                    yield return new Vote
                    {
                        DialogueId = dialogue.Id, ThemeId = theme.Id, RiskId = risks[i].Id, Ballot = ballot, Municipality = municipality, CastAt = at,
                        Likelihood = Math.Clamp(level + random.Next(-1, 2), 1, 5),
                        Impact = Math.Clamp(level + random.Next(-2, 2), 1, 5),
                    };
                }

                continue;
            }

            var points = new int[risks.Count];
            for (var dot = 0; dot < theme.DotBudget; dot++)
            {
                var open = Enumerable.Range(0, risks.Count).Where(i => points[i] < theme.DotCap).ToList();
                var pick = random.NextDouble() * open.Sum(i => weight[i]);
                var chosen = open.First(i => (pick -= weight[i]) <= 0 || i == open[^1]);
                points[chosen]++;
            }

            for (var i = 0; i < risks.Count; i++)
            {
                if (points[i] > 0)
                {
                    yield return new Vote { DialogueId = dialogue.Id, ThemeId = theme.Id, RiskId = risks[i].Id, Ballot = ballot, Municipality = municipality, Points = points[i], CastAt = at };
                }
            }
        }
    }

    private async Task FindingsAsync(DateTime now, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        db.Findings.AddRange(
            new Finding
            {
                Domain = Domain.ChildcareSupervision,
                ThemeKey = "ko-risicogestuurd-toezicht",
                Title = $"{Label}: niet alle verplichte inspecties worden uitgevoerd",
                Markdown = "Bij een deel van de gemeenten voert de GGD **niet alle** verplichte jaarlijkse inspecties uit, vooral bij gastouders.\n\n*Verzonnen bevinding uit de demogegevens.*",
                Sources = Source,
                UpdatedAt = now,
            },
            new Finding
            {
                Domain = Domain.ChildcareSupervision,
                ThemeKey = "ko-handhaving",
                Title = $"{Label}: handhaving blijft vaak bij een herstelaanbod",
                Markdown = "Na een overtreding volgt vaak een herstelaanbod, maar niet altijd een controle of een volgende stap.\n\n*Verzonnen bevinding uit de demogegevens.*",
                Sources = Source,
                UpdatedAt = now,
            });
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>An indicator with a figure for every municipality in every year, imported as an analyst imports one.</summary>
    private async Task IndicatorAsync(int[] years, Random random, CancellationToken cancellationToken)
    {
        var (id, errors) = await indicators.DefineAsync(
            new IndicatorDraft("demo-inspecties-uitgevoerd", $"{Label}: verplichte inspecties uitgevoerd", "%", Domain.ChildcareSupervision, "ko-risicogestuurd-toezicht", "Verzonnen cijfers uit de demogegevens."),
            cancellationToken);
        if (id is not { } indicator)
        {
            throw new InvalidOperationException("The demo indicator could not be made: " + string.Join(", ", errors));
        }

        foreach (var year in years)
        {
            var csv = new StringBuilder("gemeente;waarde\n");
            foreach (var municipality in Regions.All.OrderBy(m => m.Code, StringComparer.Ordinal))
            {
                csv.Append(municipality.Code).Append(';').Append((55 + (random.NextDouble() * 45)).ToString("0.0", CultureInfo.GetCultureInfo("nl-NL"))).Append('\n');
            }

            using var stream = new MemoryStream(Encoding.UTF8.GetBytes(csv.ToString()));
            var result = await indicators.ImportAsync(indicator, year, stream, cancellationToken);
            if (!result.Ok)
            {
                throw new InvalidOperationException("The demo figures could not be imported: " + string.Join(", ", result.Errors.Take(5)));
            }
        }
    }
}
