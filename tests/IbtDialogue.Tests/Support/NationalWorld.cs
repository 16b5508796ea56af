using IbtDialogue.Dialogues;
using IbtDialogue.Live;
using IbtDialogue.NationalPicture;
using IbtDialogue.Participants;
using IbtDialogue.Persistence;
using IbtDialogue.Protocol;
using IbtDialogue.Room;
using IbtDialogue.Voting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IbtDialogue.Tests.Support;

/// <summary>
/// Builds national pictures from real dialogues: each one created, run and closed through the app's own
/// services (the same commands the hub runs), its vote cast by participants from real municipalities, and
/// counted as the app counts a dialogue that closes.
/// </summary>
public sealed class NationalWorld(IServiceProvider services, string facilitatorId)
{
    public const string Theme = "ko-handhaving";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public Actor Facilitator { get; } = new(facilitatorId, null, null);

    /// <summary>A risk in the catalogue of the childcare theme "Handhaving", made as an analyst makes one.</summary>
    public async Task<int> CatalogueRiskAsync(string title, string? explanation = null, string? source = null)
    {
        var (id, error) = await services.GetRequiredService<RiskCatalogue>()
            .SaveAsync(null, Domain.ChildcareSupervision, Theme, title, explanation, source, retired: false, facilitatorId, Ct);
        Assert.Null(error);
        return id!.Value;
    }

    /// <summary>An open dialogue of the childcare domain with one theme linked to "Handhaving", and the catalogue risks on its list.</summary>
    public async Task<(int Dialogue, int Theme, IReadOnlyDictionary<int, int> RiskOf)> OpenDialogueAsync(int year, params int[] catalogueRisks)
    {
        var (id, errors) = await services.GetRequiredService<DialogueService>().CreateAsync(
            new DialogueDraft($"Handhaving {year}", new DateOnly(year, 3, 12), [new TemplateThemeDraft("Handhaving bij overtredingen", null, null, Theme)], Domain.ChildcareSupervision),
            facilitatorId,
            Ct);
        Assert.Empty(errors);
        var dialogue = id!.Value;
        var theme = await QueryAsync(db => db.Themes.Where(t => t.DialogueId == dialogue).Select(t => t.Id).SingleAsync(Ct));
        Assert.True((await Room.OpenAsync(new DialogueCommand(Guid.NewGuid(), dialogue), Facilitator, Ct)).Result.Ok);
        var riskOf = new Dictionary<int, int>();
        foreach (var catalogueRisk in catalogueRisks)
        {
            var added = await Voting.AddCatalogueRiskAsync(new AddCatalogueRisk(Guid.NewGuid(), dialogue, theme, catalogueRisk), Facilitator, Ct);
            Assert.True(added.Result.Ok, added.Result.Error);
            riskOf[catalogueRisk] = added.Result.EntityId!.Value;
        }

        return (dialogue, theme, riskOf);
    }

    /// <summary>Joins a participant who speaks for a municipality (or, with <paramref name="type"/>, for another organisation).</summary>
    public async Task<Actor> JoinAsync(int dialogue, string organisation, OrganisationType type = OrganisationType.Municipality)
    {
        var code = await QueryAsync(db => db.Dialogues.Where(d => d.Id == dialogue).Select(d => d.JoinCode).SingleAsync(Ct));
        var municipality = type == OrganisationType.Municipality;
        var joined = await services.GetRequiredService<JoinService>().JoinAsync(
            new JoinRequest(code, $"Deelnemer {Guid.NewGuid().ToString("N")[..6]}", municipality ? organisation : "", municipality ? null : organisation, OtherType: municipality ? null : type),
            Ct);
        Assert.True(joined.Ok, string.Join(", ", joined.Errors));
        var hash = ParticipantTokens.Hash(joined.Token!);
        var participant = await QueryAsync(db => db.Participants.Where(p => p.TokenHash == hash).Select(p => p.Id).SingleAsync(Ct));
        return new Actor(null, participant, dialogue);
    }

    /// <summary>Opens a dot vote (budget 5, cap 5) on the theme.</summary>
    public async Task OpenDotVoteAsync(int dialogue, int theme)
    {
        Assert.True((await Room.SetStageAsync(new SetStage(Guid.NewGuid(), dialogue, theme, Phase.RiskWeighing), Facilitator, Ct)).Result.Ok);
        Assert.True((await Voting.OpenVotingAsync(new OpenVoting(Guid.NewGuid(), dialogue, theme, VoteMethod.Dots, 5, 5), Facilitator, Ct)).Result.Ok);
    }

    public async Task CastAsync(Actor participant, int dialogue, int theme, int risk, int points)
    {
        var cast = await Voting.CastDotsAsync(new CastDots(Guid.NewGuid(), dialogue, theme, risk, points), participant, Ct);
        Assert.True(cast.Result.Ok, cast.Result.Error);
    }

    /// <summary>Closes and reveals the vote.</summary>
    public async Task EndVoteAsync(int dialogue, int theme)
    {
        Assert.True((await Voting.CloseVotingAsync(new VotingCommand(Guid.NewGuid(), dialogue, theme), Facilitator, Ct)).Result.Ok);
        Assert.True((await Voting.RevealResultsAsync(new VotingCommand(Guid.NewGuid(), dialogue, theme), Facilitator, Ct)).Result.Ok);
    }

    /// <summary>Closes the dialogue and counts it, as the app does when a dialogue closes.</summary>
    public async Task CloseAndCountAsync(int dialogue)
    {
        Assert.True((await Room.CloseAsync(new DialogueCommand(Guid.NewGuid(), dialogue), Facilitator, Ct)).Result.Ok);
        Assert.True(await services.GetRequiredService<NationalPictureCounter>().CountAsync(dialogue, Ct));
    }

    /// <summary>
    /// A whole dialogue: one participant per municipality, each giving the points of <paramref name="points"/>
    /// (catalogue risk → points) on the catalogue risks; closed and counted.
    /// </summary>
    public async Task<int> ClosedDotDialogueAsync(int year, IReadOnlyList<string> municipalities, IReadOnlyDictionary<int, int> points)
    {
        var (dialogue, theme, riskOf) = await OpenDialogueAsync(year, [.. points.Keys]);
        var participants = new List<Actor>();
        foreach (var municipality in municipalities)
        {
            participants.Add(await JoinAsync(dialogue, municipality));
        }

        await OpenDotVoteAsync(dialogue, theme);
        foreach (var participant in participants)
        {
            foreach (var (catalogueRisk, given) in points.Where(p => p.Value > 0))
            {
                await CastAsync(participant, dialogue, theme, riskOf[catalogueRisk], given);
            }
        }

        await EndVoteAsync(dialogue, theme);
        await CloseAndCountAsync(dialogue);
        return dialogue;
    }

    public async Task<T> QueryAsync<T>(Func<DialogueDb, Task<T>> query)
    {
        await using var db = await services.GetRequiredService<IDbContextFactory<DialogueDb>>().CreateDbContextAsync(Ct);
        return await query(db);
    }

    private RoomEngine Room => services.GetRequiredService<RoomEngine>();

    private VotingCommands Voting => services.GetRequiredService<VotingCommands>();
}
