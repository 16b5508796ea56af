using IbtDialogue.Live;
using IbtDialogue.Persistence;
using Microsoft.EntityFrameworkCore;

namespace IbtDialogue.Tests.Support;

#pragma warning disable IDE1006 // Short lower-case names read like the test's own locals: h, anna, piet.

/// <summary>Tests on a fresh <see cref="EngineHarness"/> each.</summary>
public abstract class HarnessTests : IAsyncLifetime
{
    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    protected EngineHarness h { get; private set; } = default!;

    /// <summary>The database engine of the tests; a class on PostgreSQL derives from the SQLite one and says so here.</summary>
    protected virtual DatabaseProvider Provider => TestPostgres.DefaultProvider;

    public virtual async ValueTask InitializeAsync() => h = await EngineHarness.CreateAsync(Provider);

    public async ValueTask DisposeAsync()
    {
        await h.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}

/// <summary>
/// Tests that start in an open dialogue of two themes, run by a facilitator (<see cref="anna"/>), with two
/// participants present (<see cref="piet"/> from Zwolle and <see cref="kees"/> from Assen).
/// </summary>
public abstract class OpenRoomTests(
    string title = "Kinderopvang",
    string firstTheme = "Handhaving",
    string otherTheme = "LRK op orde",
    string facilitatorName = "Anna",
    string pietName = "Piet",
    string keesName = "Kees") : HarnessTests
{
    protected Actor anna { get; private set; } = default!;

    protected Actor piet { get; private set; } = default!;

    protected Actor kees { get; private set; } = default!;

    protected int dialogue { get; private set; }

    /// <summary>The first theme, current in phase sharing.</summary>
    protected int theme { get; private set; }

    protected int secondTheme { get; private set; }

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        anna = await h.AddFacilitatorAsync(facilitatorName);
        dialogue = await h.CreateOpenDialogueAsync(anna, title, firstTheme, otherTheme);
        theme = await h.FirstThemeAsync(dialogue);
        secondTheme = await h.QueryAsync(db => db.Themes.Where(t => t.DialogueId == dialogue && t.Position == 2).Select(t => t.Id).SingleAsync());
        piet = await h.JoinAsync(dialogue, pietName, "Zwolle");
        kees = await h.JoinAsync(dialogue, keesName, "Assen");
    }
}
