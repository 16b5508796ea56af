using IbtDialogue.Contributions;
using IbtDialogue.Accounts;
using IbtDialogue.Protocol;
using IbtDialogue.Dialogues;
using IbtDialogue.Live;
using IbtDialogue.Voting;
using IbtDialogue.Participants;
using IbtDialogue.Persistence;
using Microsoft.EntityFrameworkCore;

namespace IbtDialogue.Benchmarks;

/// <summary>The dialogue the app is measured on: open, theme 1 in Delen, theme 2 with an open dot vote, N joined participants.</summary>
public sealed record Seeded(int DialogueId, int SharingTheme, int VotingTheme, IReadOnlyList<int> Risks, IReadOnlyList<string> Tokens);

public static class Seeder
{
    /// <summary>The app's database as the app opens it: SQLite with the SQLite migrations (each provider has its own).</summary>
    public static DialogueDb Open(string databasePath) =>
        new(new DbContextOptionsBuilder<DialogueDb>().UseSqlite($"Data Source={databasePath}")
            .ReplaceService<Microsoft.EntityFrameworkCore.Migrations.IMigrationsAssembly, ProviderMigrationsAssembly>().Options);

    /// <summary>A PostgreSQL database the app has migrated already (the first node does on start).</summary>
    public static DialogueDb OpenPostgres(string connectionString) =>
        new(new DbContextOptionsBuilder<DialogueDb>().UseNpgsql(connectionString).Options);

    public static async Task<Seeded> SeedAsync(string databasePath, int participants, int history = 0)
    {
        await using var db = Open(databasePath);
        await db.Database.MigrateAsync();
        await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
        return await SeedAsync(db, participants, history);
    }

    /// <summary>Seeds the benchmark's dialogue into a migrated database, with <paramref name="history"/> contributions already made (so every snapshot carries them).</summary>
    public static async Task<Seeded> SeedAsync(DialogueDb db, int participants, int history = 0)
    {
        var owner = new UserAccount { UserName = "bench@owinsp.example", DisplayName = "Benchmark" };
        db.Users.Add(owner);
        var dialogue = new Dialogue
        {
            Title = "Benchmark",
            Date = new DateOnly(2026, 1, 1),
            JoinCode = JoinCodes.Create(),
            Status = DialogueStatus.Open,
            CreatedAt = DateTime.UtcNow,
            Themes = [new Theme { Title = "Delen", Position = 1 }, new Theme { Title = "Stemmen", Position = 2, VoteState = VoteState.Open, DotBudget = 5, DotCap = 3 }],
            Facilitators = [new DialogueFacilitator { UserId = owner.Id, IsOwner = true }],
        };
        db.Dialogues.Add(dialogue);
        await db.SaveChangesAsync();
        var (sharing, voting) = (dialogue.Themes[0].Id, dialogue.Themes[1].Id);
        dialogue.CurrentThemeId = sharing;
        dialogue.CurrentPhase = Phase.Sharing;
        var risks = Enumerable.Range(1, 4).Select(i => new Risk { DialogueId = dialogue.Id, ThemeId = voting, Position = i, Title = $"Risico {i}", Status = RiskStatus.Accepted, CreatedAt = DateTime.UtcNow }).ToList();
        db.Risks.AddRange(risks);
        var tokens = Enumerable.Range(0, participants).Select(_ => ParticipantTokens.Create()).ToList();
        db.Participants.AddRange(tokens.Select((token, i) => new Participant
        {
            DialogueId = dialogue.Id,
            DisplayName = $"Deelnemer {i}",
            Organisation = Municipalities.All[i % Municipalities.All.Count],
            IsMunicipality = true,
            TokenHash = ParticipantTokens.Hash(token),
            JoinedAt = DateTime.UtcNow,
        }));
        await db.SaveChangesAsync();
        var authors = await db.Participants.Where(p => p.DialogueId == dialogue.Id).Select(p => p.Id).ToListAsync();
        db.Contributions.AddRange(Enumerable.Range(0, history).Select(i => new Contribution
        {
            DialogueId = dialogue.Id,
            ThemeId = sharing,
            Kind = ContributionKind.Bottleneck,
            Status = ContributionStatus.Visible,
            Text = $"Eerdere bijdrage {i}: wat er in de gemeente speelt, in een paar zinnen zoals deelnemers die schrijven.",
            ParticipantId = authors[i % authors.Count],
            Anonymity = Anonymity.Named,
            CreatedAt = DateTime.UtcNow,
        }));
        await db.SaveChangesAsync();
        return new Seeded(dialogue.Id, sharing, voting, [.. risks.Select(r => r.Id)], tokens);
    }

    public static async Task<int> VotesAsync(string databasePath, int themeId)
    {
        await using var db = Open(databasePath);
        return await VotesAsync(db, themeId);
    }

    public static Task<int> VotesAsync(DialogueDb db, int themeId) => db.Votes.CountAsync(v => v.ThemeId == themeId);
}
