using IbtDialogue.Protocol;
using IbtDialogue.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace IbtDialogue.Tests.Hub;

/// <summary>Joining before the facilitator opens: the participant waits in the lobby, which opens by itself.</summary>
public sealed class LobbyHubTests(AppHost app) : IClassFixture<AppHost>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_participant_who_joined_early_waits_and_the_room_opens_by_itself_when_the_facilitator_opens_it()
    {
        var email = $"{Guid.NewGuid():N}@owinsp.example";
        var (dialogue, code) = await app.CreateDialogueAsync(await app.CreateFacilitatorAsync(email, "Anna"), "Handhaving", "LRK op orde");
        var theme = await app.QueryAsync(db => db.Themes.Where(t => t.DialogueId == dialogue).OrderBy(t => t.Position).Select(t => t.Id).FirstAsync(Ct));

        await using var piet = await Tab.OpenAsync(app.ParticipantClient(await app.JoinAsync(code, "Piet Jansen", "Zwolle")), dialogue);
        Assert.Equal(DialogueStatus.Draft, piet.State.Stage.Status);
        Assert.Equal(["Handhaving", "LRK op orde"], piet.State.Themes.Select(t => t.Title)); // The agenda, to read while waiting.

        // Nothing can be posted in the lobby, and the connection stays usable.
        var early = await piet.Hub.PostContributionAsync(new PostContribution(Guid.NewGuid(), dialogue, theme, ContributionKind.SuccessFactor, "Te vroeg"), Ct);
        Assert.Equal(ErrorCodes.DialogueNotOpen, early.Error);
        Assert.Equal(0, await app.QueryAsync(db => db.Contributions.CountAsync(c => c.DialogueId == dialogue, Ct)));

        await using var anna = await Tab.OpenAsync(app.FacilitatorClient(await app.LoginAsync(email)), dialogue);
        Assert.True((await anna.Hub.OpenDialogueAsync(new DialogueCommand(Guid.NewGuid(), dialogue), Ct)).Ok);

        // The same connection, without reloading: the room is open on the first theme.
        await Eventually.TrueAsync(() => piet.State.Stage is { Status: DialogueStatus.Open, Phase: Phase.Sharing } stage && stage.ThemeId == theme, "the lobby opens by itself");
        Assert.True((await piet.Hub.PostContributionAsync(new PostContribution(Guid.NewGuid(), dialogue, theme, ContributionKind.SuccessFactor, "Nu wel"), Ct)).Ok);
    }
}
