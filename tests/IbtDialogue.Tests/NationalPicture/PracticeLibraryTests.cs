using IbtDialogue.Persistence;
using IbtDialogue.Dialogues;
using IbtDialogue.Live;
using IbtDialogue.NationalPicture;
using IbtDialogue.Participants;
using IbtDialogue.Protocol;
using IbtDialogue.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace IbtDialogue.Tests.NationalPicture;

/// <summary>The good-practice library: full-text search with accents folded, ranking, filters, curation, and what is public.</summary>
public class PracticeLibraryTests : HarnessTests
{
    private NationalWorld w = default!;
    private int together, monthly, planning, open2025;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        var anna = await h.AddFacilitatorAsync("Anna");
        w = new NationalWorld(h.Services, anna.UserId!);

        // 2025, Zwolle and a GGD: two practices, one of them with a contact who consented.
        var (first, firstTheme, _) = await w.OpenDialogueAsync(2025);
        var zwolle = await w.JoinAsync(first, "Zwolle");
        var ggd = await w.JoinAsync(first, "GGD IJsselland", OrganisationType.Ggd);
        await h.Room.SetStageAsync(new SetStage(Guid.NewGuid(), first, firstTheme, Phase.GoodPractices), w.Facilitator, Ct);
        together = await PracticeAsync(zwolle, first, firstTheme, "Samen geïnspecteerd met de GGD", "Toezichthouder en gemeente bezoeken samen de locatie.", CycleStep.Do, "Fatima Bakker", "06-12345678");
        monthly = await PracticeAsync(ggd, first, firstTheme, "Handhavingsoverleg elke maand", "Alle locaties zijn dit jaar geïnspecteerd; elke maand bespreken we de achterstanden.", CycleStep.Check);
        await w.CloseAndCountAsync(first);

        // 2024, Breda: one practice.
        var (second, secondTheme, _) = await w.OpenDialogueAsync(2024);
        var breda = await w.JoinAsync(second, "Breda");
        await h.Room.SetStageAsync(new SetStage(Guid.NewGuid(), second, secondTheme, Phase.GoodPractices), w.Facilitator, Ct);
        planning = await PracticeAsync(breda, second, secondTheme, "Inspectieplanning op risico", "De gemeente kiest de locaties met de meeste risico's eerst.", CycleStep.Plan);
        await w.CloseAndCountAsync(second);

        // Still open: not in the library.
        var (third, thirdTheme, _) = await w.OpenDialogueAsync(2025);
        var assen = await w.JoinAsync(third, "Assen");
        await h.Room.SetStageAsync(new SetStage(Guid.NewGuid(), third, thirdTheme, Phase.GoodPractices), w.Facilitator, Ct);
        open2025 = await PracticeAsync(assen, third, thirdTheme, "Geïnspecteerd zonder aankondiging", "Onaangekondigde bezoeken.", CycleStep.Do);
    }

    private async Task<int> PracticeAsync(Actor author, int dialogue, int theme, string title, string what, CycleStep step, string? contact = null, string? details = null)
    {
        var organisation = await w.QueryAsync(db => Task.FromResult(db.Participants.Single(p => p.Id == author.ParticipantId).Organisation));
        var saved = await h.Contributions.SaveGoodPracticeAsync(
            new SaveGoodPractice(Guid.NewGuid(), dialogue, theme, null, title, what, "Het werkt.", organisation, step, contact, details, contact is not null),
            author,
            Ct);
        Assert.True(saved.Result.Ok, saved.Result.Error);
        return saved.Result.EntityId!.Value;
    }

    private Task<IReadOnlyList<LibraryEntry>> SearchAsync(PracticeQuery query) => h.Services.GetRequiredService<PracticeLibrary>().SearchAsync(query, Ct);

    [Fact]
    public async Task Words_without_accents_find_words_with_them_and_a_hit_in_the_title_ranks_first()
    {
        var found = await SearchAsync(new PracticeQuery("geinspecteerd"));

        // The title hit before the hit in the text; the open dialogue's practice is not in the library.
        Assert.Equal([together, monthly], found.Select(e => e.Id));
        Assert.Equal([together, monthly], (await SearchAsync(new PracticeQuery("GEÏNSPECTEERD"))).Select(e => e.Id));
        Assert.DoesNotContain(open2025, found.Select(e => e.Id));
    }

    [Fact]
    public async Task Every_word_must_match_and_a_word_matches_as_a_prefix()
    {
        Assert.Equal([monthly], (await SearchAsync(new PracticeQuery("geinspecteerd achterstand"))).Select(e => e.Id));
        Assert.Equal([planning], (await SearchAsync(new PracticeQuery("inspectieplan"))).Select(e => e.Id));
        Assert.Empty(await SearchAsync(new PracticeQuery("geinspecteerd brandveiligheid")));
    }

    [Theory]
    [InlineData("\"geïnspecteerd", true)]
    [InlineData("geïnspecteerd*) AND (", false)] // "AND" is a word that must match too
    [InlineData("(geïnspecteerd) -GGD^", true)]
    [InlineData("samen:geïnspecteerd", true)]
    [InlineData("geïnspecteerd NEAR/2", false)]
    [InlineData("\"\"\" *** ()", null)]
    public async Task Search_syntax_typed_by_a_user_is_taken_as_plain_words(string words, bool? findsTogether)
    {
        var found = await SearchAsync(new PracticeQuery(words));

        if (findsTogether is { } expected)
        {
            Assert.Equal(expected, found.Any(e => e.Id == together));
        }
        else
        {
            Assert.Equal(3, found.Count); // no words at all: no search, the whole library
        }
    }

    [Fact]
    public async Task Filters_narrow_by_step_year_region_organisation_type_domain_and_theme()
    {
        Assert.Equal([together], (await SearchAsync(new PracticeQuery(Step: CycleStep.Do))).Select(e => e.Id));
        Assert.Equal([planning], (await SearchAsync(new PracticeQuery(Year: 2024))).Select(e => e.Id));
        Assert.Equal([planning], (await SearchAsync(new PracticeQuery(Region: "GGD West-Brabant"))).Select(e => e.Id));
        Assert.Equal([monthly], (await SearchAsync(new PracticeQuery(OrganisationType: OrganisationType.Ggd))).Select(e => e.Id));
        Assert.Equal(3, (await SearchAsync(new PracticeQuery(Domain: Domain.ChildcareSupervision, ThemeKey: NationalWorld.Theme))).Count);
        Assert.Empty(await SearchAsync(new PracticeQuery(Domain: Domain.LeaConsultation)));
        Assert.Empty(await SearchAsync(new PracticeQuery(ThemeKey: "ko-lrk")));
        Assert.Equal([monthly], (await SearchAsync(new PracticeQuery("geinspecteerd", Step: CycleStep.Check))).Select(e => e.Id));
    }

    [Fact]
    public async Task Only_a_contact_who_consented_is_shown()
    {
        var all = (await SearchAsync(new PracticeQuery())).ToDictionary(e => e.Id);

        Assert.Equal(("Fatima Bakker", "06-12345678"), (all[together].ContactName, all[together].ContactDetails));
        Assert.Null(all[monthly].ContactName);
        Assert.Null(all[monthly].ContactDetails);
    }

    [Fact]
    public async Task The_public_library_holds_the_practices_of_published_dialogues_only()
    {
        Assert.Empty(await SearchAsync(new PracticeQuery(PublicOnly: true)));

        var first = await w.QueryAsync(db => Task.FromResult(db.LibraryPractices.Single(p => p.ContributionId == together).DialogueId));
        var administrator = await h.AddFacilitatorAsync("Beheerder"); // The second reader four eyes requires.
        var published = await h.Publications.PublishApprovedAsync(first, w.Facilitator.UserId!, administrator.UserId!, "# Samenvatting\n\nEen goed gesprek.");
        Assert.Equal(IbtDialogue.Minutes.PublishOutcome.Published, published.Outcome);
        Assert.Equal(new[] { together, monthly }.Order(), (await SearchAsync(new PracticeQuery(PublicOnly: true))).Select(e => e.Id).Order());

        Assert.True(await h.Publications.UnpublishAsync(first, w.Facilitator.UserId!, Ct));
        Assert.Empty(await SearchAsync(new PracticeQuery(PublicOnly: true)));
    }

    [Fact]
    public async Task Analysts_feature_a_practice_first_and_hide_one_from_everyone_but_curators()
    {
        var library = h.Services.GetRequiredService<PracticeLibrary>();

        Assert.True(await library.DecideAsync(planning, featured: true, hidden: false, Ct));
        Assert.Equal(planning, (await SearchAsync(new PracticeQuery())).First().Id);
        Assert.Equal([planning], (await SearchAsync(new PracticeQuery(FeaturedOnly: true))).Select(e => e.Id));

        Assert.True(await library.DecideAsync(monthly, featured: false, hidden: true, Ct));
        Assert.DoesNotContain(monthly, (await SearchAsync(new PracticeQuery("geinspecteerd"))).Select(e => e.Id));
        Assert.Contains(monthly, (await SearchAsync(new PracticeQuery("geinspecteerd", IncludeHidden: true))).Select(e => e.Id));

        // Counting the dialogue again keeps what analysts decided.
        var first = await w.QueryAsync(db => Task.FromResult(db.LibraryPractices.Single(p => p.ContributionId == monthly).DialogueId));
        await h.Services.GetRequiredService<NationalPictureCounter>().CountAsync(first, Ct);
        Assert.True((await library.FindAsync(monthly, Ct))!.Hidden);
        Assert.False(await library.DecideAsync(open2025, featured: true, hidden: false, Ct)); // not in the library
    }
}

/// <summary>The same tests on PostgreSQL, where the full-text index is a table of its own (see <see cref="TestPostgres"/>).</summary>
public sealed class PracticeLibraryTestsOnPostgres : PracticeLibraryTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;
}
