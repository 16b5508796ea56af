using System.Globalization;
using IbtDialogue.Accounts;
using IbtDialogue.Client.Protocol;
using IbtDialogue.Dialogues;
using IbtDialogue.Live;
using IbtDialogue.Minutes;
using IbtDialogue.Participants;
using IbtDialogue.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace IbtDialogue.Tests.Support;

/// <summary>The engine and the services around it on a real SQLite database, without a web host.</summary>
public sealed class EngineHarness : IAsyncDisposable
{
    private EngineHarness(TestDatabase database)
    {
        Database = database;
        Clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 12, 13, 30, 0, TimeSpan.Zero));
        var gate = new WriteGate();
        Composer = new MinutesComposer(CultureInfo.GetCultureInfo("nl-NL"));
        Writer = new RoomWriter(database.Factory, gate, Clock);
        Engine = new RoomEngine(database.Factory, Writer, Composer, new NodeIdentity("test-node"), Clock);
        Dialogues = new DialogueService(database.Factory, gate, Clock);
        Joining = new JoinService(database.Factory, gate, Clock);
        Minutes = new MinutesService(database.Factory, gate, Composer, Clock);
        Renderer = new MarkdownRenderer();
        Publications = new PublicationService(database.Factory, gate, Composer, Minutes, Renderer, Clock);
        Exports = new MinutesExports(Renderer, new WordExport(Renderer));
    }

    public MinutesService Minutes { get; }

    public PublicationService Publications { get; }

    public MarkdownRenderer Renderer { get; }

    public MinutesExports Exports { get; }

    public TestDatabase Database { get; }

    public FakeTimeProvider Clock { get; }

    public MinutesComposer Composer { get; }

    public RoomWriter Writer { get; }

    public RoomEngine Engine { get; }

    public DialogueService Dialogues { get; }

    public JoinService Joining { get; }

    public static async Task<EngineHarness> CreateAsync() => new(await TestDatabase.CreateAsync());

    public async Task<Actor> AddFacilitatorAsync(string displayName)
    {
        var user = new FacilitatorUser { UserName = $"{Guid.NewGuid():N}@example.org", DisplayName = displayName };
        await using var db = await Database.Factory.CreateDbContextAsync();
        db.Users.Add(user);
        await db.SaveChangesAsync();
        return new Actor(user.Id, null, null);
    }

    public async Task<int> CreateDialogueAsync(Actor owner, string title = "Handhaving kinderopvang", params string[] themes)
    {
        var (id, errors) = await Dialogues.CreateAsync(
            new DialogueDraft(title, new DateOnly(2026, 3, 12), themes.Length == 0 ? ["Handhaving bij overtredingen", "Het LRK op orde"] : themes),
            owner.UserId!,
            TestContext.Current.CancellationToken);
        Assert.Empty(errors);
        return id!.Value;
    }

    public async Task<int> CreateOpenDialogueAsync(Actor owner, string title = "Handhaving kinderopvang", params string[] themes)
    {
        var id = await CreateDialogueAsync(owner, title, themes);
        var opened = await Engine.OpenAsync(new DialogueCommand(Guid.NewGuid(), id), owner, TestContext.Current.CancellationToken);
        Assert.True(opened.Result.Ok, opened.Result.Error);
        return id;
    }

    /// <summary>Joins like the join page does and answers the actor the token authenticates as.</summary>
    public async Task<Actor> JoinAsync(int dialogueId, string name, string organisation)
    {
        var code = await Database.QueryAsync(db => db.Dialogues.Where(d => d.Id == dialogueId).Select(d => d.JoinCode).SingleAsync());
        var isMunicipality = Municipalities.Contains(organisation);
        var result = await Joining.JoinAsync(
            new JoinRequest(code, name, isMunicipality ? organisation : "", isMunicipality ? null : organisation),
            TestContext.Current.CancellationToken);
        Assert.True(result.Ok, string.Join(", ", result.Errors));
        var hash = ParticipantTokens.Hash(result.Token!);
        var participantId = await Database.QueryAsync(db => db.Participants.Where(p => p.TokenHash == hash).Select(p => p.Id).SingleAsync());
        return new Actor(null, participantId, dialogueId);
    }

    public async Task<int> FirstThemeAsync(int dialogueId) =>
        await Database.QueryAsync(db => db.Themes.Where(t => t.DialogueId == dialogueId).OrderBy(t => t.Position).Select(t => t.Id).FirstAsync());

    public async Task<long> VersionAsync(int dialogueId) =>
        await Database.QueryAsync(db => db.Dialogues.Where(d => d.Id == dialogueId).Select(d => d.Version).SingleAsync());

    public async Task<int> ContributionCountAsync(int dialogueId) =>
        await Database.QueryAsync(db => db.Contributions.CountAsync(c => c.DialogueId == dialogueId));

    public ValueTask DisposeAsync() => Database.DisposeAsync();
}
