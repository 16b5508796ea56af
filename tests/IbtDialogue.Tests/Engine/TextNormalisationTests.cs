using IbtDialogue.Live;
using IbtDialogue.Participants;
using IbtDialogue.Persistence;
using IbtDialogue.Protocol;
using IbtDialogue.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace IbtDialogue.Tests.Engine;

/// <summary>
/// Names and texts that impersonate or hide: everything people type is normalised once on entry, names need
/// letters, the inspectorate is not an organisation a participant can claim, and facilitators are marked.
/// </summary>
public class TextNormalisationTests : HarnessTests
{
    [Theory]
    [InlineData("Piet\u200BJansen", "PietJansen")]            // zero-width space
    [InlineData("Piet\u200CJan\u200Dsen", "PietJansen")]      // zero-width non-joiner and joiner
    [InlineData("Piet\u200E\u200FJansen", "PietJansen")]      // left-to-right and right-to-left marks
    [InlineData("Piet\u00ADJansen", "PietJansen")]            // soft hyphen
    [InlineData("Piet\u2060Jansen", "PietJansen")]            // word joiner
    [InlineData("\uFEFFPiet Jansen", "Piet Jansen")]          // byte-order mark
    [InlineData("Piet \u202Enesnaj\u202C", "Piet nesnaj")]    // right-to-left override and pop
    [InlineData("\u202A\u202B\u202DPiet", "Piet")]            // embeddings and left-to-right override
    [InlineData("\u2066Piet\u2069", "Piet")]                  // isolates
    [InlineData("Piet\u0007\u001BJansen", "PietJansen")]      // control characters
    [InlineData("Piet\tJansen", "Piet Jansen")]               // a tab is a space
    [InlineData("Ｐｉｅｔ　Ｊａｎｓｅｎ", "Piet Jansen")]        // full-width letters and space (NFKC)
    [InlineData("ﬁets", "fiets")]                             // ligature (NFKC)
    [InlineData("Ge\u0301rard", "Gérard")]                    // a combining accent composed (NFKC)
    public void Everything_typed_is_normalised_once_on_entry(string typed, string stored)
    {
        Assert.Equal(stored, TextRules.NormalizeLine(typed));
    }

    [Fact]
    public void Line_breaks_stay_in_longer_texts_and_the_rest_is_cleaned_the_same_way()
    {
        // NFKC also makes a no-break space an ordinary one.
        Assert.Equal("Eerste regel\nTweede regel", TextRules.Normalize("\u202EEerste regel\r\nTweede\u00A0regel\u200B "));
    }

    [Theory]
    [InlineData("Inspectie van het Onderwijs", true)]
    [InlineData("inspectie van het onderwijs", true)]
    [InlineData("Inspectie  van het  Onderwijs (regio Noord)", true)]
    [InlineData("Ｉｎｓｐｅｃｔｉｅ van het Onderwijs", true)]       // full-width
    [InlineData("Inspеctie van het Onderwijs", true)]                // Cyrillic е
    [InlineData("Inspectie van het Onder\u200Bwijs", true)]          // hidden zero-width space
    [InlineData("Inspéctie van hét Onderwijs", true)]                // accents
    [InlineData("Onderwijsinspectie", true)]
    [InlineData("GGD Hollands-Midden, inspecties kinderopvang", false)]
    [InlineData("Gemeente Zwolle", false)]
    public void The_inspectorate_cannot_be_claimed_as_an_organisation(string organisation, bool claims)
    {
        Assert.Equal(claims, TextRules.ClaimsInspectorate(organisation));
    }

    [Fact]
    public async Task A_participant_cannot_join_nameless_or_as_the_inspectorate_and_nothing_is_stored()
    {
        var anna = await h.AddFacilitatorAsync("Anna");
        var dialogue = await h.CreateOpenDialogueAsync(anna);
        var code = await h.QueryAsync(db => db.Dialogues.Where(d => d.Id == dialogue).Select(d => d.JoinCode).SingleAsync());

        var zeroWidth = await h.Joining.JoinAsync(new JoinRequest(code, "\u200B\u200C\u200D\u2060", "Zwolle", null), Ct);
        Assert.Equal([JoinError.NameEmpty], zeroWidth.Errors);
        var noLetters = await h.Joining.JoinAsync(new JoinRequest(code, "!!! ...", "Zwolle", null), Ct);
        Assert.Equal([JoinError.NameWithoutLetters], noLetters.Errors);
        var inspectorate = await h.Joining.JoinAsync(new JoinRequest(code, "Anna de Vries", "", "Inspectie van het Onderwijs", OtherType: OrganisationType.Inspectorate), Ct);
        Assert.Equal([JoinError.OrganisationReserved], inspectorate.Errors);
        Assert.Equal(0, await h.QueryAsync(db => db.Participants.CountAsync(Ct)));

        // A name that reads backwards is stored as typed, without the override.
        var reversed = await h.Joining.JoinAsync(new JoinRequest(code, "Piet \u202Enesnaj", "", "GGD IJsselland", OtherType: OrganisationType.Inspectorate), Ct);
        Assert.True(reversed.Ok);
        var stored = await h.QueryAsync(db => db.Participants.SingleAsync(Ct));
        Assert.Equal("Piet nesnaj", stored.DisplayName);
        Assert.Equal(OrganisationType.Other, stored.OrganisationType); // the inspectorate is not a type a participant can choose
    }

    [Fact]
    public async Task A_facilitators_contribution_is_marked_as_such_for_everyone_and_a_participants_is_not()
    {
        var anna = await h.AddFacilitatorAsync("Anna de Vries");
        var dialogue = await h.CreateOpenDialogueAsync(anna);
        var theme = await h.FirstThemeAsync(dialogue);
        var piet = await h.JoinAsync(dialogue, "Anna de Vries", "Zwolle"); // the same name as the inspector

        Assert.True((await h.Contributions.PostContributionAsync(new PostContribution(Guid.NewGuid(), dialogue, theme, ContributionKind.SuccessFactor, "Van de facilitator", null), anna, Ct)).Result.Ok);
        Assert.True((await h.Contributions.PostContributionAsync(new PostContribution(Guid.NewGuid(), dialogue, theme, ContributionKind.SuccessFactor, "Van de deelnemer", null), piet, Ct)).Result.Ok);

        foreach (var viewer in new[] { piet, anna })
        {
            var items = (await h.Room.SnapshotAsync(dialogue, viewer, null, Ct)).Snapshot!.Contributions.ToDictionary(c => c.Text);
            Assert.True(items["Van de facilitator"].ByFacilitator);
            Assert.False(items["Van de deelnemer"].ByFacilitator);
        }
    }
}

/// <summary>The same tests on PostgreSQL (a database of their own on the test server, see <see cref="TestPostgres"/>).</summary>
public sealed class TextNormalisationTestsOnPostgres : TextNormalisationTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;
}
