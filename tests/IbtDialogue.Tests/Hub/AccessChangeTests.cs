using IbtDialogue.Dialogues;
using IbtDialogue.Privacy;
using IbtDialogue.Protocol;
using IbtDialogue.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IbtDialogue.Tests.Hub;

/// <summary>
/// A connection keeps no access of its own: when what a caller may do in a dialogue changes while they are
/// connected (a co-facilitator removed, the dialogue closed or deleted), their very next command on the same
/// connection is judged on the change.
/// </summary>
public sealed class AccessChangeTests(AppHost app) : IClassFixture<AppHost>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private DialogueService Dialogues => app.Services.GetRequiredService<DialogueService>();

    private sealed record Room(int Dialogue, int Theme, string OwnerId, Tab Owner, Tab Participant) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await Participant.DisposeAsync();
            await Owner.DisposeAsync();
        }
    }

    /// <summary>An open dialogue in its sharing phase, its owner and one participant connected and entered.</summary>
    private async Task<Room> OpenRoomAsync()
    {
        var email = $"{Guid.NewGuid():N}@owinsp.example";
        var ownerId = await app.CreateFacilitatorAsync(email, "Anna");
        var (dialogue, code) = await app.CreateDialogueAsync(ownerId, "Handhaving");
        var owner = await Tab.OpenAsync(app.FacilitatorClient(await app.LoginAsync(email)), dialogue);
        Assert.True((await owner.Hub.OpenDialogueAsync(new DialogueCommand(Guid.NewGuid(), dialogue), Ct)).Ok);
        var theme = await app.QueryAsync(db => db.Themes.Where(t => t.DialogueId == dialogue).Select(t => t.Id).SingleAsync());
        Assert.True((await owner.Hub.SetStageAsync(new SetStage(Guid.NewGuid(), dialogue, theme, Phase.Sharing), Ct)).Ok);
        var participant = await Tab.OpenAsync(app.ParticipantClient(await app.JoinAsync(code, "Piet", "Zwolle")), dialogue);
        return new Room(dialogue, theme, ownerId, owner, participant);
    }

    private static PostContribution Post(Room room, string text) => new(Guid.NewGuid(), room.Dialogue, room.Theme, ContributionKind.SuccessFactor, text);

    [Fact]
    public async Task A_removed_co_facilitator_is_refused_on_the_next_command_of_the_same_connection()
    {
        await using var room = await OpenRoomAsync();
        var email = $"{Guid.NewGuid():N}@owinsp.example";
        var colleague = await app.CreateFacilitatorAsync(email, "Bert");
        Assert.Null(await Dialogues.AddFacilitatorAsync(room.Dialogue, room.OwnerId, colleague, Ct));
        await using var bert = await Tab.OpenAsync(app.FacilitatorClient(await app.LoginAsync(email)), room.Dialogue);
        Assert.True((await bert.Hub.ControlTimerAsync(new ControlTimer(Guid.NewGuid(), room.Dialogue, TimerAction.Start, 300), Ct)).Ok);

        Assert.True(await Dialogues.RemoveFacilitatorAsync(room.Dialogue, room.OwnerId, colleague, Ct));

        var refused = await bert.Hub.ControlTimerAsync(new ControlTimer(Guid.NewGuid(), room.Dialogue, TimerAction.Pause, 0), Ct);
        Assert.Equal(ErrorCodes.NotFound, refused.Error);
        Assert.Equal(ErrorCodes.NotFound, (await bert.Hub.PostContributionAsync(Post(room, "Nog iets van Bert"), Ct)).Error);
        Assert.Equal(ErrorCodes.NotFound, (await bert.Hub.GetSnapshotAsync(room.Dialogue, Ct)).Error);
        Assert.Null(await app.QueryAsync(db => db.Dialogues.Where(d => d.Id == room.Dialogue).Select(d => d.TimerRemainingSeconds).SingleAsync()));
        Assert.Equal(0, await app.QueryAsync(db => db.Contributions.CountAsync(c => c.DialogueId == room.Dialogue)));

        // The owner, whose access did not change, carries on.
        Assert.True((await room.Owner.Hub.ControlTimerAsync(new ControlTimer(Guid.NewGuid(), room.Dialogue, TimerAction.Pause, 0), Ct)).Ok);
    }

    [Fact]
    public async Task A_participant_is_refused_on_the_next_command_once_the_dialogue_is_closed()
    {
        await using var room = await OpenRoomAsync();
        Assert.True((await room.Participant.Hub.PostContributionAsync(Post(room, "Voor het sluiten"), Ct)).Ok);

        Assert.True((await room.Owner.Hub.CloseDialogueAsync(new DialogueCommand(Guid.NewGuid(), room.Dialogue), Ct)).Ok);

        var refused = await room.Participant.Hub.PostContributionAsync(Post(room, "Na het sluiten"), Ct);
        Assert.Equal(ErrorCodes.DialogueClosed, refused.Error);
        Assert.Equal(["Voor het sluiten"], await app.QueryAsync(db => db.Contributions.Where(c => c.DialogueId == room.Dialogue).Select(c => c.Text).ToListAsync()));
    }

    [Fact]
    public async Task A_participant_of_a_deleted_dialogue_is_refused_on_the_next_command_and_nothing_is_stored()
    {
        await using var room = await OpenRoomAsync();
        Assert.True((await room.Participant.Hub.PostContributionAsync(Post(room, "Voor het verwijderen"), Ct)).Ok);

        Assert.Null(await app.Services.GetRequiredService<PersonalData>().DeleteDialogueAsync(room.Dialogue, Ct));

        Assert.Equal(ErrorCodes.NotFound, (await room.Participant.Hub.PostContributionAsync(Post(room, "Na het verwijderen"), Ct)).Error);
        Assert.Equal(ErrorCodes.NotFound, (await room.Participant.Hub.GetSnapshotAsync(room.Dialogue, Ct)).Error);
        Assert.Equal(0, await app.QueryAsync(db => db.Contributions.CountAsync(c => c.DialogueId == room.Dialogue)));
    }
}
