using IbtDialogue.Protocol;
using IbtDialogue.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace IbtDialogue.Tests.Hub;

/// <summary>Protocol 6 over real WebSockets: the national panel, catalogue risks into the vote, national items on everyone's screen.</summary>
public sealed class NationalHubTests(AppHost app) : IClassFixture<AppHost>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_facilitator_brings_the_national_picture_into_the_room_and_participants_see_it()
    {
        var email = $"{Guid.NewGuid():N}@owinsp.example";
        var facilitatorId = await app.CreateFacilitatorAsync(email, "Anna");
        var world = new NationalWorld(app.Services, facilitatorId);
        var tag = Guid.NewGuid().ToString("N")[..6];
        var x = await world.CatalogueRiskAsync($"Last wordt niet ingevorderd {tag}", source: "Landelijk beeld 2025, §3");
        var y = await world.CatalogueRiskAsync($"Herstelaanbod zonder termijn {tag}");
        foreach (var town in new[] { "Zwolle", "Assen", "Emmen", "Almere", "Ede" })
        {
            await world.ClosedDotDialogueAsync(2025, [town], new Dictionary<int, int> { [x] = 3, [y] = 2 });
        }

        var (dialogue, theme, _) = await world.OpenDialogueAsync(2026);
        var code = await app.QueryAsync(db => db.Dialogues.Where(d => d.Id == dialogue).Select(d => d.JoinCode).SingleAsync(Ct));
        await using var f = await Tab.OpenAsync(app.FacilitatorClient(await app.LoginAsync(email)), dialogue);
        await using var p = await Tab.OpenAsync(app.ParticipantClient(await app.JoinAsync(code, "Piet", "Zwolle")), dialogue);

        var panel = await f.Hub.GetNationalPanelAsync(new NationalPanelRequest(dialogue, theme), Ct);
        Assert.True(panel.Ok, panel.Error);
        Assert.Equal([(x, 1), (y, 2)], panel.Panel!.Risks.Select(r => (r.CatalogueRiskId, r.Rank)));
        Assert.Equal([false, false], panel.Panel.Catalogue.Where(c => c.Id == x || c.Id == y).Select(c => c.OnList));

        // A catalogue risk onto the vote: the room gets it as any risk.
        var added = await f.Hub.AddCatalogueRiskAsync(new AddCatalogueRisk(Guid.NewGuid(), dialogue, theme, x), Ct);
        Assert.True(added.Ok, added.Error);
        await Eventually.TrueAsync(() => p.State.Risks.Any(r => r.Id == added.EntityId && r.Title.StartsWith("Last wordt niet ingevorderd", StringComparison.Ordinal)), "the participant sees the catalogue risk on the list");
        var twice = await f.Hub.AddCatalogueRiskAsync(new AddCatalogueRisk(Guid.NewGuid(), dialogue, theme, x), Ct);
        Assert.Equal(ErrorCodes.RiskExists, twice.Error);

        // On everyone's screen, as a versioned change of the stage.
        var shown = await f.Hub.ShowNationalAsync(new ShowNational(Guid.NewGuid(), dialogue, NationalItemKind.Risk, y), Ct);
        Assert.True(shown.Ok, shown.Error);
        await Eventually.TrueAsync(() => p.State.Version >= shown.Version && p.State.Stage.National is not null, "the participant's screen shows the national risk");
        await Eventually.TrueAsync(() => f.State.Version >= shown.Version, "the console has the change too");
        Assert.Equal((NationalItemKind.Risk, y), (p.State.Stage.National!.Kind, p.State.Stage.National.Id));
        Assert.Equal(f.State.Stage, p.State.Stage);

        // A participant can neither read the panel nor steer the screen; the connection stays usable.
        Assert.Equal(ErrorCodes.Forbidden, (await p.Hub.GetNationalPanelAsync(new NationalPanelRequest(dialogue, theme), Ct)).Error);
        Assert.Equal(ErrorCodes.Forbidden, (await p.Hub.ShowNationalAsync(new ShowNational(Guid.NewGuid(), dialogue, null, null), Ct)).Error);

        // A kind without an id is malformed; nothing changes.
        var malformed = await f.Hub.ShowNationalAsync(new ShowNational(Guid.NewGuid(), dialogue, NationalItemKind.Practice, null), Ct);
        Assert.Equal(ErrorCodes.BadRequest, malformed.Error);
        Assert.True((await p.Hub.GetSnapshotAsync(dialogue, Ct)).Ok);

        var off = await f.Hub.ShowNationalAsync(new ShowNational(Guid.NewGuid(), dialogue, null, null), Ct);
        Assert.True(off.Ok);
        await Eventually.TrueAsync(() => p.State.Version >= off.Version && p.State.Stage.National is null, "the national item leaves the participant's screen");
    }

    [Fact]
    public async Task The_panel_of_another_facilitators_dialogue_is_not_found()
    {
        var owner = await app.CreateFacilitatorAsync($"{Guid.NewGuid():N}@owinsp.example", "Anna");
        var otherEmail = $"{Guid.NewGuid():N}@owinsp.example";
        await app.CreateFacilitatorAsync(otherEmail, "Bert");
        var (dialogue, theme, _) = await new NationalWorld(app.Services, owner).OpenDialogueAsync(2026);
        await using var other = app.FacilitatorClient(await app.LoginAsync(otherEmail));
        await other.StartAsync(Ct);

        var panel = await other.GetNationalPanelAsync(new NationalPanelRequest(dialogue, theme), Ct);

        Assert.Equal(ErrorCodes.NotFound, panel.Error);
        Assert.Null(panel.Panel);
    }
}
