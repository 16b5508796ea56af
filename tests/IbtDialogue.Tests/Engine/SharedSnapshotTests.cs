using System.Text.Json;
using IbtDialogue.Live;
using IbtDialogue.Persistence;
using IbtDialogue.Protocol;
using IbtDialogue.Room;
using IbtDialogue.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace IbtDialogue.Tests.Engine;

/// <summary>
/// A joiner's snapshot is the room part its audience shares (read once per version) with what is theirs added:
/// whoever's entry read the shared part, every caller gets exactly the snapshot that is theirs.
/// </summary>
public class SharedSnapshotTests() : OpenRoomTests("Kinderopvang", "Handhaving", "LRK op orde")
{
    private SharedRoomParts Shared => h.Services.GetRequiredService<SharedRoomParts>();

    private async Task<int> PostAsync(Actor by, string text)
    {
        var outcome = await h.Contributions.PostContributionAsync(new PostContribution(Guid.NewGuid(), dialogue, theme, ContributionKind.Bottleneck, text), by, Ct);
        Assert.True(outcome.Result.Ok, outcome.Result.Error);
        return outcome.Result.EntityId!.Value;
    }

    private async Task<int> RiskAsync(Actor by, string title)
    {
        var saved = await h.Voting.SaveRiskAsync(new SaveRisk(Guid.NewGuid(), dialogue, theme, null, title, null), by, Ct);
        Assert.True(saved.Result.Ok, saved.Result.Error);
        return saved.Result.EntityId!.Value;
    }

    private static async Task OkAsync(Task<CommandReply> command)
    {
        var reply = await command;
        Assert.True(reply.Result.Ok, reply.Result.Error);
    }

    private async Task<RoomSnapshot> SnapshotAsync(Actor who) =>
        (await h.Room.SnapshotAsync(dialogue, who, null, Ct)).Snapshot ?? throw new InvalidOperationException("No snapshot.");

    /// <summary>The snapshot as the client receives it (lists compared by content).</summary>
    private static string Json(RoomSnapshot snapshot) => JsonSerializer.Serialize(snapshot);

    [Fact]
    public async Task Every_caller_gets_their_own_snapshot_whoever_read_the_shared_part()
    {
        await OkAsync(h.Room.UpdateSettingsAsync(new UpdateSettings(Guid.NewGuid(), dialogue, Anonymity.Named, true, true), anna, Ct));
        var wim = await h.JoinAsync(dialogue, "Wim", "Zwolle");
        var pietShown = await PostAsync(piet, "Piet, goedgekeurd");
        await OkAsync(h.Contributions.ModerateAsync(new ModerateContribution(Guid.NewGuid(), dialogue, pietShown, ModerationAction.Approve), anna, Ct));
        var keesShown = await PostAsync(kees, "Kees, goedgekeurd");
        await OkAsync(h.Contributions.ModerateAsync(new ModerateContribution(Guid.NewGuid(), dialogue, keesShown, ModerationAction.Approve), anna, Ct));
        var pietWaiting = await PostAsync(piet, "Piet, wacht op goedkeuring");
        var keesWaiting = await PostAsync(kees, "Kees, wacht op goedkeuring");
        var annaPost = await PostAsync(anna, "Anna, de inspecteur");
        await OkAsync(h.Contributions.ReactAsync(new ContributionCommand(Guid.NewGuid(), dialogue, keesShown), piet, Ct));
        await OkAsync(h.Contributions.ReactAsync(new ContributionCommand(Guid.NewGuid(), dialogue, annaPost), kees, Ct));

        await OkAsync(h.Room.SetStageAsync(new SetStage(Guid.NewGuid(), dialogue, theme, Phase.RiskWeighing), anna, Ct));
        var annaRisk = await RiskAsync(anna, "Te weinig toezichthouders");
        var keesAccepted = await RiskAsync(kees, "Wachtlijsten");
        await OkAsync(h.Voting.DecideRiskAsync(new DecideRisk(Guid.NewGuid(), dialogue, keesAccepted, true), anna, Ct));
        var pietProposed = await RiskAsync(piet, "Vve-bereik onbekend");
        var keesProposed = await RiskAsync(kees, "Personeelstekort");
        await OkAsync(h.Voting.OpenVotingAsync(new OpenVoting(Guid.NewGuid(), dialogue, theme, VoteMethod.Dots, 5, 3), anna, Ct));
        await OkAsync(h.Voting.CastDotsAsync(new CastDots(Guid.NewGuid(), dialogue, theme, annaRisk, 2), piet, Ct));

        Actor[] everyone = [piet, kees, wim, anna];
        foreach (var who in everyone)
        {
            // Read alone (the shared part read by this caller's own snapshot) ...
            Shared.Clear();
            var alone = Json(await SnapshotAsync(who));

            // ... and after each other caller read the shared part first.
            foreach (var first in everyone.Where(a => a != who))
            {
                Shared.Clear();
                await SnapshotAsync(first);
                Assert.Equal(alone, Json(await SnapshotAsync(who)));
            }
        }

        Shared.Clear();
        var other = await SnapshotAsync(kees);
        var forPiet = await SnapshotAsync(piet);
        Assert.Equal(other.Version, forPiet.Version);
        Assert.Equal([pietShown, keesShown, pietWaiting, annaPost], forPiet.Contributions.Select(c => c.Id));
        Assert.Equal([pietShown, pietWaiting], forPiet.Contributions.Where(c => c.Mine).Select(c => c.Id));
        Assert.Equal([keesShown], forPiet.Contributions.Where(c => c.ReactedByMe).Select(c => c.Id));
        Assert.Equal(ContributionStatus.Pending, forPiet.Contributions.Single(c => c.Id == pietWaiting).Status);
        Assert.Equal([annaRisk, keesAccepted, pietProposed], forPiet.Risks.Select(r => r.Id).Order());
        Assert.Equal([pietProposed], forPiet.Risks.Where(r => r.ProposedByMe).Select(r => r.Id));
        Assert.Equal(2, Assert.Single(forPiet.MyBallot).Points);
        Assert.Equal("Piet", forPiet.You.DisplayName);

        var forKees = await SnapshotAsync(kees);
        Assert.Equal([pietShown, keesShown, keesWaiting, annaPost], forKees.Contributions.Select(c => c.Id));
        Assert.Equal([annaPost], forKees.Contributions.Where(c => c.ReactedByMe).Select(c => c.Id));
        Assert.Equal([keesAccepted, keesProposed], forKees.Risks.Where(r => r.ProposedByMe).Select(r => r.Id).Order());
        Assert.Empty(forKees.MyBallot);

        var forWim = await SnapshotAsync(wim);
        Assert.Equal([pietShown, keesShown, annaPost], forWim.Contributions.Select(c => c.Id));
        Assert.DoesNotContain(forWim.Contributions, c => c.Mine || c.ReactedByMe);
        Assert.Equal([annaRisk, keesAccepted], forWim.Risks.Select(r => r.Id).Order());

        var forAnna = await SnapshotAsync(anna);
        Assert.Equal([pietShown, keesShown, pietWaiting, keesWaiting, annaPost], forAnna.Contributions.Select(c => c.Id));
        Assert.Equal([annaPost], forAnna.Contributions.Where(c => c.Mine).Select(c => c.Id));
        Assert.Equal([annaRisk, keesAccepted, pietProposed, keesProposed], forAnna.Risks.Select(r => r.Id).Order());
        Assert.Equal(1, Assert.Single(forAnna.Progress).Voters);
    }

    [Fact]
    public async Task A_change_after_the_shared_part_was_read_is_in_the_next_snapshot()
    {
        var before = await SnapshotAsync(kees);
        var posted = await PostAsync(piet, "Na de eerste snapshot");

        var after = await SnapshotAsync(kees);

        Assert.Equal(before.Version + 1, after.Version);
        Assert.Contains(after.Contributions, c => c.Id == posted);
        Assert.DoesNotContain(before.Contributions, c => c.Id == posted);
    }

    [Fact]
    public async Task The_rooms_presence_counted_by_the_database_is_the_facilitators_presence_without_names()
    {
        await OkAsync(h.Room.UpdateSettingsAsync(new UpdateSettings(Guid.NewGuid(), dialogue, Anonymity.Named, false, true), anna, Ct));
        var code = await h.QueryAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(db.Dialogues.Where(d => d.Id == dialogue).Select(d => d.JoinCode)));
        var observing = await h.Joining.JoinAsync(new Participants.JoinRequest(code, "Olga", "", "Ministerie van OCW", AsObserver: true), Ct);
        Assert.True(observing.Ok, string.Join(", ", observing.Errors));
        var ans = await h.JoinAsync(dialogue, "Ans", "Assen");
        var gone = await h.JoinAsync(dialogue, "Gert", "Zwolle");
        foreach (var (who, connection) in new[] { (piet, "p1"), (piet, "p2"), (kees, "k1"), (ans, "a1"), (gone, "g1"), (anna, "f1"), (anna, "f2") })
        {
            Assert.True((await h.Room.EnterAsync(dialogue, who, connection, asPresenter: false, Ct)).Result.Ok);
        }

        var olga = await h.QueryAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(db.Participants.Where(p => p.DisplayName == "Olga").Select(p => p.Id)));
        Assert.True((await h.Room.EnterAsync(dialogue, new Actor(null, olga, dialogue), "o1", asPresenter: false, Ct)).Result.Ok);
        await h.Room.LeaveAsync("g1", _ => { }, Ct);

        var room = (await SnapshotAsync(piet)).Presence;
        var facilitators = (await SnapshotAsync(anna)).Presence;

        Assert.Equal(JsonSerializer.Serialize(facilitators with { People = null }), JsonSerializer.Serialize(room));
        Assert.Equal((3, 1, 1), (room.Participants, room.Observers, room.Facilitators));
        Assert.Equal([("Assen", 2), ("Zwolle", 1)], room.Organisations.Select(o => (o.Organisation, o.Count)));
        Assert.Null(room.People);
        Assert.Contains(facilitators.People!, p => p.DisplayName == "Gert" && !p.Present);
    }
}

public sealed class SharedSnapshotTestsOnPostgres : SharedSnapshotTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;
}
