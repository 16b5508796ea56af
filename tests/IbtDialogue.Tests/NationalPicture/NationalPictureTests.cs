using IbtDialogue.Persistence;
using System.Text;
using System.Text.Json;
using IbtDialogue.Dialogues;
using IbtDialogue.Live;
using IbtDialogue.NationalPicture;
using IbtDialogue.Protocol;
using IbtDialogue.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IbtDialogue.Tests.NationalPicture;

/// <summary>
/// The national picture from real dialogues: what closing a dialogue counts, what the Inspectie sees, what
/// leaves it (the public page, the open data, the live room) under the small-cell rule, and how the picture
/// comes back into a live dialogue.
/// </summary>
public class NationalPictureTests : HarnessTests
{
    private static readonly string[] Towns = ["Zwolle", "Assen", "Emmen", "Almere", "Ede", "Breda", "Leiden"];

    private NationalWorld w = default!;
    private int x, y, z;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        var anna = await h.AddFacilitatorAsync("Anna");
        w = new NationalWorld(h.Services, anna.UserId!);
        x = await w.CatalogueRiskAsync("Last onder dwangsom wordt niet ingevorderd", "Een opgelegde last wordt niet geïnd.", "Landelijk beeld 2025, §3");
        y = await w.CatalogueRiskAsync("Herstelaanbod zonder termijn");
        z = await w.CatalogueRiskAsync("Geen handhavingsbeleid vastgesteld");
    }

    private RiskPicture Picture => h.Services.GetRequiredService<RiskPicture>();

    private Task<IReadOnlyList<RiskStanding>> InternalAsync(int year = 2025, string region = "") =>
        Picture.StandingsAsync(new PictureSlice(Domain.ChildcareSupervision, NationalWorld.Theme, year, region, ShareableOnly: false), Ct);

    private Task<IReadOnlyList<RiskStanding>> PublicAsync(int year = 2025) =>
        Picture.StandingsAsync(new PictureSlice(Domain.ChildcareSupervision, NationalWorld.Theme, year), Ct);

    [Fact]
    public async Task Closing_a_dialogue_counts_its_vote_and_counting_again_changes_nothing()
    {
        // Zwolle and Assen each give X 3 and Y 2 points: X has 6 of 10 points, Y 4, Z none.
        var dialogue = await w.ClosedDotDialogueAsync(2025, ["Zwolle", "Assen"], new Dictionary<int, int> { [x] = 3, [y] = 2, [z] = 0 });

        var standings = await InternalAsync();
        Assert.Equal([x, y, z], standings.Select(s => s.CatalogueRiskId));
        Assert.Equal([0.6, 0.4, 0.0], standings.Select(s => Math.Round(s.MeanShare!.Value, 9)));
        Assert.Equal([1, 2, 3], standings.Select(s => s.Rank));
        Assert.All(standings, s => Assert.Equal((1, 2, false), (s.Dialogues, s.Municipalities, s.Shareable)));

        // Its region: Assen is in GGD Drenthe, Zwolle in GGD IJsselland; a tie goes to the first by name.
        Assert.Equal("GGD Drenthe", await h.QueryAsync(db => db.Dialogues.Where(d => d.Id == dialogue).Select(d => d.Region).SingleAsync(Ct)));
        Assert.Equal(3, (await InternalAsync(region: "GGD Drenthe")).Count);

        var before = await h.QueryAsync(db => db.RiskOutcomes.CountAsync(Ct));
        Assert.True(await h.Services.GetRequiredService<NationalPictureCounter>().CountAsync(dialogue, Ct));
        Assert.Equal(before, await h.QueryAsync(db => db.RiskOutcomes.CountAsync(Ct)));
        Assert.Equal(standings, await InternalAsync());
    }

    [Fact]
    public async Task The_public_picture_and_the_open_data_show_a_figure_only_on_five_dialogues_and_five_municipalities()
    {
        var xy = new Dictionary<int, int> { [x] = 3, [y] = 2 };

        // Z is on the list of the first dialogue only, and gets all its points: internally it ranks first.
        await w.ClosedDotDialogueAsync(2025, ["Zwolle"], new Dictionary<int, int> { [x] = 0, [y] = 0, [z] = 5 });
        foreach (var town in Towns[1..4])
        {
            await w.ClosedDotDialogueAsync(2025, [town], xy);
        }

        // Four dialogues, four municipalities: nothing leaves the Inspectie.
        Assert.Empty(await PublicAsync());
        Assert.Empty(await h.Services.GetRequiredService<OpenData>().FiguresAsync(Ct));

        // A fifth dialogue, but from Zwolle again: five dialogues, still four municipalities.
        await w.ClosedDotDialogueAsync(2025, ["Zwolle"], xy);
        Assert.Empty(await PublicAsync());

        // A sixth from Ede: X and Y now rest on 6 dialogues and 5 municipalities; Z still on 1.
        await w.ClosedDotDialogueAsync(2025, ["Ede"], xy);
        var inside = await InternalAsync();
        Assert.Equal([z, x, y], inside.Select(s => s.CatalogueRiskId)); // Z: share 1 in its one dialogue
        Assert.Equal((6, 5), (inside[1].Dialogues, inside[1].Municipalities));
        Assert.Equal(0.5, inside[1].MeanShare!.Value, 9); // X: 0 once and 0.6 five times, over six dialogues

        var shown = await PublicAsync();
        Assert.Equal([x, y], shown.Select(s => s.CatalogueRiskId));
        Assert.Equal([1, 2], shown.Select(s => s.Rank)); // ranked among what is shown: Z's place leaves no gap

        var figures = await h.Services.GetRequiredService<OpenData>().FiguresAsync(Ct);
        Assert.Equal([x, y], figures.Where(f => f.Region == "").Select(f => f.CatalogueRiskId));
        Assert.DoesNotContain(figures, f => f.CatalogueRiskId == z);
        Assert.All(figures, f => Assert.True(f.Dialogues >= 5 && f.Municipalities >= 5));

        // Regions have fewer than five municipalities each here: no regional figure is shared.
        Assert.All(figures, f => Assert.Equal("", f.Region));

        using var json = JsonDocument.Parse(OpenData.ToJson(figures));
        Assert.Equal(2, json.RootElement.GetProperty("figures").GetArrayLength());

        // CSV as a Dutch spreadsheet opens it: byte-order mark, semicolons, decimal comma.
        var csv = OpenData.ToCsv(figures);
        Assert.Equal([0xEF, 0xBB, 0xBF], csv[..3]);
        var lines = Encoding.UTF8.GetString(csv[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        Assert.Contains("Last onder dwangsom wordt niet ingevorderd", lines[1], StringComparison.Ordinal);
        Assert.Contains(";0,5;", lines[1], StringComparison.Ordinal);
        Assert.DoesNotContain("Geen handhavingsbeleid", string.Join('\n', lines), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Open_data_defuses_text_that_a_spreadsheet_would_run_as_a_formula()
    {
        var formula = await w.CatalogueRiskAsync("=HYPERLINK(\"http://example.org\")");
        foreach (var town in Towns[..5])
        {
            await w.ClosedDotDialogueAsync(2025, [town], new Dictionary<int, int> { [formula] = 1 });
        }

        var csv = Encoding.UTF8.GetString(OpenData.ToCsv(await h.Services.GetRequiredService<OpenData>().FiguresAsync(Ct)));

        Assert.DoesNotContain(";=HYPERLINK", csv, StringComparison.Ordinal);
        Assert.Contains("'=HYPERLINK", csv, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_proposed_risk_linked_to_the_catalogue_by_an_analyst_counts_nationally()
    {
        var (dialogue, theme, _) = await w.OpenDialogueAsync(2025);
        var piet = await w.JoinAsync(dialogue, "Zwolle");
        await h.Room.SetStageAsync(new SetStage(Guid.NewGuid(), dialogue, theme, Phase.RiskWeighing), w.Facilitator, Ct);
        var proposed = (await h.Voting.SaveRiskAsync(new SaveRisk(Guid.NewGuid(), dialogue, theme, null, "Dwangsommen verjaren", null), piet, Ct)).Result.EntityId!.Value;
        Assert.True((await h.Voting.DecideRiskAsync(new DecideRisk(Guid.NewGuid(), dialogue, proposed, true), w.Facilitator, Ct)).Result.Ok);
        await w.OpenDotVoteAsync(dialogue, theme);
        await w.CastAsync(piet, dialogue, theme, proposed, 4);
        await w.EndVoteAsync(dialogue, theme);
        await w.CloseAndCountAsync(dialogue);
        Assert.Empty(await InternalAsync());

        var catalogue = h.Services.GetRequiredService<RiskCatalogue>();
        var unlinked = Assert.Single(await catalogue.UnlinkedAsync(Ct));
        Assert.Equal((proposed, true), (unlinked.RiskId, unlinked.Proposed));

        // Made a new catalogue risk: it counts at once.
        Assert.Null(await catalogue.LinkAsync(proposed, null, w.Facilitator.UserId!, Ct));
        var counted = Assert.Single(await InternalAsync());
        Assert.Equal(("Dwangsommen verjaren", 1.0), (counted.Title, counted.MeanShare!.Value));
        Assert.Empty(await catalogue.UnlinkedAsync(Ct));
    }

    [Fact]
    public async Task The_facilitator_gets_the_national_panel_adds_catalogue_risks_and_puts_national_items_on_screen()
    {
        foreach (var town in Towns[..5])
        {
            await w.ClosedDotDialogueAsync(2025, [town], new Dictionary<int, int> { [x] = 3, [y] = 2 });
        }

        var (dialogue, theme, _) = await w.OpenDialogueAsync(2026, x);
        var national = h.Services.GetRequiredService<NationalRoom>();

        var panel = (await national.PanelAsync(new NationalPanelRequest(dialogue, theme), w.Facilitator, Ct)).Panel!;
        Assert.Equal((NationalWorld.Theme, 2025), (panel.ThemeKey, panel.Year));
        Assert.Equal([(x, 1), (y, 2)], panel.Risks.Select(r => (r.CatalogueRiskId, r.Rank)));
        Assert.Equal(0.6, panel.Risks[0].MeanShare!.Value, 9);
        Assert.True(panel.Catalogue.Single(c => c.Id == x).OnList);
        Assert.False(panel.Catalogue.Single(c => c.Id == y).OnList);

        // Adding Y with one click; a second time is refused and stores nothing.
        var added = await h.Voting.AddCatalogueRiskAsync(new AddCatalogueRisk(Guid.NewGuid(), dialogue, theme, y), w.Facilitator, Ct);
        Assert.True(added.Result.Ok);
        var again = await h.Voting.AddCatalogueRiskAsync(new AddCatalogueRisk(Guid.NewGuid(), dialogue, theme, y), w.Facilitator, Ct);
        Assert.Equal(ErrorCodes.RiskExists, again.Result.Error);
        Assert.Equal(2, await h.QueryAsync(db => db.Risks.CountAsync(r => r.ThemeId == theme, Ct)));

        // A participant cannot see the panel nor steer the screen.
        var piet = await w.JoinAsync(dialogue, "Zwolle");
        Assert.Equal(ErrorCodes.Forbidden, (await national.PanelAsync(new NationalPanelRequest(dialogue, theme), piet, Ct)).Error);
        Assert.Equal(ErrorCodes.Forbidden, (await h.Room.ShowNationalAsync(new ShowNational(Guid.NewGuid(), dialogue, NationalItemKind.Risk, x), piet, Ct)).Result.Error);

        // On everyone's screen: the risk with its national figures.
        var version = await h.VersionAsync(dialogue);
        var shown = await h.Room.ShowNationalAsync(new ShowNational(Guid.NewGuid(), dialogue, NationalItemKind.Risk, x), w.Facilitator, Ct);
        Assert.True(shown.Result.Ok);
        Assert.Equal(version + 1, shown.Result.Version);
        var stage = (await h.Room.SnapshotAsync(dialogue, piet, null, Ct)).Snapshot!.Stage;
        Assert.Equal((NationalItemKind.Risk, x, "Last onder dwangsom wordt niet ingevorderd"), (stage.National!.Kind, stage.National.Id, stage.National.Title));
        Assert.Contains("1", stage.National.Text, StringComparison.Ordinal);
        Assert.Equal("Landelijk beeld 2025, §3", stage.National.Source);

        // An unknown item is refused and the screen stays as it was; another stage takes the item off.
        var unknown = await h.Room.ShowNationalAsync(new ShowNational(Guid.NewGuid(), dialogue, NationalItemKind.Finding, 999_999), w.Facilitator, Ct);
        Assert.Equal(ErrorCodes.NotFound, unknown.Result.Error);
        Assert.Equal(version + 1, await h.VersionAsync(dialogue));
        await h.Room.SetStageAsync(new SetStage(Guid.NewGuid(), dialogue, theme, Phase.RiskWeighing), w.Facilitator, Ct);
        Assert.Null((await h.Room.SnapshotAsync(dialogue, piet, null, Ct)).Snapshot!.Stage.National);
    }

    [Fact]
    public async Task After_the_reveal_the_room_sees_its_ranking_beside_the_national_one()
    {
        foreach (var town in Towns[..5])
        {
            await w.ClosedDotDialogueAsync(2025, [town], new Dictionary<int, int> { [x] = 3, [y] = 2 });
        }

        var (dialogue, theme, riskOf) = await w.OpenDialogueAsync(2026, x, y);
        var piet = await w.JoinAsync(dialogue, "Zwolle");
        await w.OpenDotVoteAsync(dialogue, theme);
        await w.CastAsync(piet, dialogue, theme, riskOf[y], 5); // the room puts Y first
        Assert.True((await h.Voting.CloseVotingAsync(new VotingCommand(Guid.NewGuid(), dialogue, theme), w.Facilitator, Ct)).Result.Ok);

        VotingView Voting() => h.Room.SnapshotAsync(dialogue, piet, null, Ct).Result.Snapshot!.Votings.Single(v => v.ThemeId == theme);
        Assert.Null(Voting().National); // not before the reveal

        Assert.True((await h.Voting.RevealResultsAsync(new VotingCommand(Guid.NewGuid(), dialogue, theme), w.Facilitator, Ct)).Result.Ok);
        var voting = Voting();
        Assert.Equal(riskOf[y], voting.Results!.Single(r => r.Rank == 1).RiskId);
        var comparison = voting.National!.ToDictionary(c => c.RiskId);
        Assert.Equal((1, 2025, 5), (comparison[riskOf[x]].Rank, comparison[riskOf[x]].Year, comparison[riskOf[x]].Dialogues));
        Assert.Equal(2, comparison[riskOf[y]].Rank);
        Assert.Equal(0.4, comparison[riskOf[y]].MeanShare!.Value, 9);
    }

    [Fact]
    public async Task The_room_compares_only_with_figures_that_may_leave_the_Inspectie()
    {
        foreach (var town in Towns[..4])
        {
            await w.ClosedDotDialogueAsync(2025, [town], new Dictionary<int, int> { [x] = 3, [y] = 2 });
        }

        var (dialogue, theme, _) = await w.OpenDialogueAsync(2026, x, y);
        var panel = (await h.Services.GetRequiredService<NationalRoom>().PanelAsync(new NationalPanelRequest(dialogue, theme), w.Facilitator, Ct)).Panel!;
        Assert.Empty(panel.Risks);
        Assert.Null(panel.Year);

        var piet = await w.JoinAsync(dialogue, "Zwolle");
        await w.OpenDotVoteAsync(dialogue, theme);
        await w.CastAsync(piet, dialogue, theme, await h.QueryAsync(db => db.Risks.Where(r => r.ThemeId == theme).Select(r => r.Id).FirstAsync(Ct)), 2);
        await w.EndVoteAsync(dialogue, theme);
        Assert.Empty((await h.Room.SnapshotAsync(dialogue, piet, null, Ct)).Snapshot!.Votings.Single().National!);
    }

    [Fact]
    public async Task A_theme_outside_the_framework_has_no_national_picture()
    {
        var dialogue = await h.CreateOpenDialogueAsync(w.Facilitator, "Eigen onderwerp", "Iets anders");
        var theme = await h.FirstThemeAsync(dialogue);

        var added = await h.Voting.AddCatalogueRiskAsync(new AddCatalogueRisk(Guid.NewGuid(), dialogue, theme, x), w.Facilitator, Ct);
        Assert.Equal(ErrorCodes.NotNational, added.Result.Error);

        var panel = (await h.Services.GetRequiredService<NationalRoom>().PanelAsync(new NationalPanelRequest(dialogue, theme), w.Facilitator, Ct)).Panel!;
        Assert.Null(panel.ThemeKey);
        Assert.Empty(panel.Catalogue);
    }

    [Fact]
    public async Task Catalogue_risks_cannot_be_added_once_the_vote_started()
    {
        var (dialogue, theme, _) = await w.OpenDialogueAsync(2026, x);
        await w.OpenDotVoteAsync(dialogue, theme);

        var added = await h.Voting.AddCatalogueRiskAsync(new AddCatalogueRisk(Guid.NewGuid(), dialogue, theme, y), w.Facilitator, Ct);

        Assert.Equal(ErrorCodes.RiskLocked, added.Result.Error);
        Assert.Equal(1, await h.QueryAsync(db => db.Risks.CountAsync(r => r.ThemeId == theme, Ct)));
    }

    [Fact]
    public async Task A_closed_dialogue_has_a_results_page_beside_the_national_picture()
    {
        foreach (var town in Towns[..5])
        {
            await w.ClosedDotDialogueAsync(2025, [town], new Dictionary<int, int> { [x] = 3, [y] = 2 });
        }

        var dialogue = await w.ClosedDotDialogueAsync(2026, ["Leiden", "Breda"], new Dictionary<int, int> { [x] = 1, [y] = 4 });
        var key = await h.QueryAsync(db => db.Dialogues.Where(d => d.Id == dialogue).Select(d => d.ResultsKey).SingleAsync(Ct));

        var results = (await h.Services.GetRequiredService<DialogueResults>().FindAsync(key, Ct))!;
        var rows = Assert.Single(results.Themes).Rows;
        Assert.Equal(["Herstelaanbod zonder termijn", "Last onder dwangsom wordt niet ingevorderd"], rows.Select(r => r.Title));
        Assert.Equal([1, 2], rows.Select(r => r.Rank));
        Assert.Equal([2, 1], rows.Select(r => r.NationalRank)); // nationally (2025: 2026 rests on one dialogue) the other way round
        Assert.Null(await h.Services.GetRequiredService<DialogueResults>().FindAsync("not-a-key", Ct));
    }

    [Fact]
    public async Task Counting_one_dialogue_at_a_time_gives_the_figures_of_a_whole_rebuild()
    {
        // Three years, several regions (Drenthe twice a year), the ranks turning between years.
        foreach (var (year, town, xPoints) in new[] { (2024, "Assen", 4), (2024, "Emmen", 3), (2024, "Zwolle", 1), (2025, "Assen", 1), (2025, "Emmen", 2), (2025, "Leiden", 5), (2026, "Assen", 3), (2026, "Breda", 0) })
        {
            await w.ClosedDotDialogueAsync(year, [town], new Dictionary<int, int> { [x] = xPoints, [y] = 5 - xPoints });
        }

        var incremental = await FiguresAsync();
        Assert.Contains(incremental, f => f.StartsWith("2025  Dots", StringComparison.Ordinal) && !f.Contains("(was )", StringComparison.Ordinal));
        Assert.Contains(incremental, f => f.StartsWith("2026 GGD Drenthe Dots", StringComparison.Ordinal) && !f.Contains("(was )", StringComparison.Ordinal));

        Assert.Equal(8, await h.Services.GetRequiredService<NationalPictureCounter>().RebuildAllAsync(Ct));

        Assert.Equal(incremental, await FiguresAsync());
    }

    private Task<List<string>> FiguresAsync() =>
        h.QueryAsync(db => db.RiskFigures.OrderBy(f => f.Year).ThenBy(f => f.Region).ThenBy(f => f.Method).ThenBy(f => f.CatalogueRiskId)
            .Select(f => $"{f.Year} {f.Region} {f.Method} {f.CatalogueRiskId}: rank {f.Rank} (was {f.PreviousRank}), {f.Dialogues} dialogues, {f.Municipalities} municipalities, share {f.MeanShare:0.000000} ± {f.SpreadShare:0.000000}")
            .ToListAsync(Ct));

    [Fact]
    public async Task The_public_picture_opens_on_the_newest_year_with_figures_it_may_show()
    {
        foreach (var town in Towns[..5])
        {
            await w.ClosedDotDialogueAsync(2025, [town], new Dictionary<int, int> { [x] = 3, [y] = 2 });
        }

        await w.ClosedDotDialogueAsync(2026, ["Leiden"], new Dictionary<int, int> { [x] = 3, [y] = 2 });

        Assert.Equal([2025], await Picture.YearsAsync(Domain.ChildcareSupervision, shareableOnly: true, Ct));
        Assert.Equal([2026, 2025], await Picture.YearsAsync(Domain.ChildcareSupervision, shareableOnly: false, Ct));
    }
}

/// <summary>The same tests on PostgreSQL, where the full-text index is a table of its own (see <see cref="TestPostgres"/>).</summary>
public sealed class NationalPictureTestsOnPostgres : NationalPictureTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;
}
