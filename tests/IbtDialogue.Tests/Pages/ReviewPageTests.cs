using System.Net;
using System.Text.RegularExpressions;
using IbtDialogue.Agreements;
using IbtDialogue.Live;
using IbtDialogue.Minutes;
using IbtDialogue.Participants;
using IbtDialogue.Privacy;
using IbtDialogue.Protocol;
using IbtDialogue.Room;
using IbtDialogue.Tests.Security;
using IbtDialogue.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IbtDialogue.Tests.Pages;

/// <summary>
/// Looking back on a closed dialogue (issue 13) over plain HTTP on the real app host: a participant's personal link
/// shows what the room showed everyone — authors as the anonymity they posted under allowed, nothing hidden,
/// withdrawn or waiting for approval — the revealed results, the agreements with their status and the summary once
/// published; a forged link or one of a deleted dialogue gets one Dutch 404 page; the join link on the same device
/// leads to the view after the close, while a stranger with the code still gets the one answer for every code.
/// </summary>
public sealed partial class ReviewPageTests : IAsyncLifetime
{
    private readonly AppHost app = new();
    private string annaId = "";
    private int dialogue;
    private string code = "";
    private string pietToken = "";
    private int pietId;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    // Due dates in the past are refused.
    private static int NextYear => DateTime.UtcNow.Year + 1;

    public async ValueTask InitializeAsync()
    {
        await app.InitializeAsync();
        annaId = await app.CreateFacilitatorAsync("anna@owinsp.example", "Anna de Vries");
        var anna = new Actor(annaId, null, null);
        (dialogue, code) = await app.CreateDialogueAsync(annaId, "Handhaving", "LRK op orde");
        var engine = app.Services.GetRequiredService<RoomEngine>();
        var contributions = app.Services.GetRequiredService<IbtDialogue.Contributions.ContributionCommands>();
        var voting = app.Services.GetRequiredService<IbtDialogue.Voting.VotingCommands>();
        Assert.True((await engine.OpenAsync(new DialogueCommand(Guid.NewGuid(), dialogue), anna, Ct)).Result.Ok);
        pietToken = await app.JoinAsync(code, "Piet Jansen", "Zwolle");
        var keesToken = await app.JoinAsync(code, "Kees de Boer", "Deventer");
        pietId = await ParticipantOfAsync(pietToken);
        var piet = new Actor(null, pietId, dialogue);
        var kees = new Actor(null, await ParticipantOfAsync(keesToken), dialogue);
        var theme = await app.QueryAsync(db => db.Themes.Where(t => t.DialogueId == dialogue).OrderBy(t => t.Position).Select(t => t.Id).FirstAsync(Ct));
        await engine.SetStageAsync(new SetStage(Guid.NewGuid(), dialogue, theme, Phase.Sharing), anna, Ct);

        async Task<int> PostAsync(Actor who, ContributionKind kind, string text)
        {
            var reply = await contributions.PostContributionAsync(new PostContribution(Guid.NewGuid(), dialogue, theme, kind, text), who, Ct);
            Assert.True(reply.Result.Ok, reply.Result.Error);
            return reply.Result.EntityId!.Value;
        }

        // Named: Piet's name and municipality go with what he writes.
        Assert.True((await engine.UpdateSettingsAsync(new UpdateSettings(Guid.NewGuid(), dialogue, Anonymity.Named, false, true), anna, Ct)).Result.Ok);
        await PostAsync(piet, ContributionKind.Bottleneck, "Te weinig capaciteit bij de GGD");
        var hidden = await PostAsync(piet, ContributionKind.Bottleneck, "Een opmerking die de moderator verbergt");
        Assert.True((await contributions.ModerateAsync(new ModerateContribution(Guid.NewGuid(), dialogue, hidden, ModerationAction.Hide), anna, Ct)).Result.Ok);
        var withdrawn = await PostAsync(kees, ContributionKind.Question, "Een vraag die Kees intrekt");
        Assert.True((await contributions.WithdrawContributionAsync(new ContributionCommand(Guid.NewGuid(), dialogue, withdrawn), kees, Ct)).Result.Ok);

        // Organisation only: Kees's words carry Deventer, not his name — also later, when looking back.
        Assert.True((await engine.UpdateSettingsAsync(new UpdateSettings(Guid.NewGuid(), dialogue, Anonymity.OrganisationOnly, true, true), anna, Ct)).Result.Ok);
        var approved = await PostAsync(kees, ContributionKind.SuccessFactor, "Vaste contactpersoon bij de GGD");
        Assert.True((await contributions.ModerateAsync(new ModerateContribution(Guid.NewGuid(), dialogue, approved, ModerationAction.Show), anna, Ct)).Result.Ok);
        await PostAsync(piet, ContributionKind.Bottleneck, "Nooit goedgekeurde bijdrage");

        // A dot vote, revealed.
        var risks = new List<int>();
        foreach (var title in new[] { "Handhaving blijft uit", "LRK onjuist" })
        {
            risks.Add((await voting.SaveRiskAsync(new SaveRisk(Guid.NewGuid(), dialogue, theme, null, title, null), anna, Ct)).Result.EntityId!.Value);
        }

        await engine.SetStageAsync(new SetStage(Guid.NewGuid(), dialogue, theme, Phase.RiskWeighing), anna, Ct);
        Assert.True((await voting.OpenVotingAsync(new OpenVoting(Guid.NewGuid(), dialogue, theme, VoteMethod.Dots, 5, 3), anna, Ct)).Result.Ok);
        Assert.True((await voting.CastDotsAsync(new CastDots(Guid.NewGuid(), dialogue, theme, risks[0], 3), piet, Ct)).Result.Ok);
        Assert.True((await voting.CastDotsAsync(new CastDots(Guid.NewGuid(), dialogue, theme, risks[1], 1), kees, Ct)).Result.Ok);
        Assert.True((await voting.CloseVotingAsync(new VotingCommand(Guid.NewGuid(), dialogue, theme), anna, Ct)).Result.Ok);
        Assert.True((await voting.RevealResultsAsync(new VotingCommand(Guid.NewGuid(), dialogue, theme), anna, Ct)).Result.Ok);

        var agreement = await app.Services.GetRequiredService<AgreementCommands>().SaveAgreementAsync(
            new SaveAgreement(Guid.NewGuid(), dialogue, null, theme, "Handhavingsbeleid actualiseren", "Gemeente Zwolle", new DateOnly(NextYear, 6, 1)), anna, Ct);
        Assert.True(agreement.Result.Ok, agreement.Result.Error);
        Assert.True((await engine.CloseAsync(new DialogueCommand(Guid.NewGuid(), dialogue), anna, Ct)).Result.Ok);
        Assert.Empty(await app.Services.GetRequiredService<AgreementFollowUp>().ChangeAsync(
            dialogue, agreement.Result.EntityId!.Value, annaId, nameof(AgreementStatus.InProgress), "Eerste overleg gepland", Ct));
    }

    public ValueTask DisposeAsync() => app.DisposeAsync();

    private Task<int> ParticipantOfAsync(string token)
    {
        var hash = ParticipantTokens.Hash(token);
        return app.QueryAsync(db => db.Participants.Where(p => p.TokenHash == hash).Select(p => p.Id).SingleAsync(Ct));
    }

    private string PietsLink() => app.Services.GetRequiredService<ReviewLinks>().PathFor(dialogue, pietId);

    private HttpClient PietsBrowser()
    {
        var cookies = new CookieContainer();
        cookies.Add(app.BaseAddress, new Cookie(ParticipantTokens.CookieName(dialogue), pietToken, "/"));
        return app.CreateBrowserClient(cookies);
    }

    /// <summary>The join page's main part with its code taken out, to compare the answers for two codes.</summary>
    private static string Answer(string html, string joinCode) => SecurityHosts.MainPart(html)
        .Replace(IbtDialogue.Dialogues.JoinCodes.Display(joinCode), "CODE", StringComparison.Ordinal)
        .Replace(joinCode, "CODE", StringComparison.Ordinal);

    /// <summary>The personal link a page shows to copy, relative to the site.</summary>
    private string KeptLink(string html)
    {
        var link = LinkField().Match(html).Groups["link"].Value;
        Assert.StartsWith($"{app.BaseAddress}terugkijken/", link, StringComparison.Ordinal);
        return link[app.BaseAddress.ToString().Length..];
    }

    [GeneratedRegex("id=\"review-link\"[^>]*value=\"(?<link>[^\"]+)\"")]
    private static partial Regex LinkField();

    private static async Task AssertGoneAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync(Ct);
        Assert.Contains("Terugkijken kan niet met deze link", html, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"review-gone\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Lerende dialoog handhaving", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Te weinig capaciteit", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_personal_link_shows_what_the_room_showed_with_results_agreements_and_the_summary_once_published()
    {
        using var anyone = app.CreateBrowserClient(); // The link is the key: another device, no cookie.
        using var response = await anyone.GetAsync(PietsLink(), Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Headers.CacheControl?.NoStore, "A personal page is kept by no cache.");
        var html = await response.Content.ReadAsStringAsync(Ct);

        Assert.Contains("<h1 class=\"nl-heading nl-heading--level-1\">Lerende dialoog handhaving</h1>", html, StringComparison.Ordinal);
        Assert.Contains("12 maart 2026", html, StringComparison.Ordinal);
        Assert.Equal(2, Regex.Matches(html, "data-testid=\"review-theme\"").Count);

        // What was said, as the anonymity each contribution was posted under allows.
        var said = Regex.Matches(html, "<li class=\"contribution[^\"]*\" data-testid=\"review-contribution\">(?<item>.*?)</li>", RegexOptions.Singleline)
            .Select(m => m.Groups["item"].Value).ToList();
        Assert.Equal(2, said.Count);
        Assert.Contains(said, item => item.Contains("Te weinig capaciteit bij de GGD", StringComparison.Ordinal) && item.Contains("Piet Jansen, Zwolle", StringComparison.Ordinal));
        Assert.Contains(said, item => item.Contains("Vaste contactpersoon bij de GGD", StringComparison.Ordinal) && item.Contains(">Deventer<", StringComparison.Ordinal));
        Assert.DoesNotContain("Kees de Boer", html, StringComparison.Ordinal);

        // Nothing hidden, withdrawn or never approved.
        Assert.DoesNotContain("de moderator verbergt", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Kees intrekt", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Nooit goedgekeurde", html, StringComparison.Ordinal);

        // The revealed results, in order.
        var results = Regex.Match(html, "<table[^>]*data-testid=\"review-results\".*?</table>", RegexOptions.Singleline).Value;
        Assert.Matches(new Regex("Handhaving blijft uit.*LRK onjuist", RegexOptions.Singleline), results);
        Assert.Contains("75%", results, StringComparison.Ordinal);
        Assert.Contains("href=\"uitslag/", html, StringComparison.Ordinal);

        // The agreement: what, who, when, and where it stands now.
        var agreement = Regex.Match(html, "<li data-testid=\"review-agreement\">(?<a>.*?)</li>", RegexOptions.Singleline).Groups["a"].Value;
        Assert.Contains("Handhavingsbeleid actualiseren", agreement, StringComparison.Ordinal);
        Assert.Contains("Gemeente Zwolle", agreement, StringComparison.Ordinal);
        Assert.Contains($"1 juni {NextYear}", agreement, StringComparison.Ordinal);
        Assert.Contains("<span data-testid=\"review-agreement-status\">bezig</span>", agreement, StringComparison.Ordinal);

        // Not published yet; the page says so, and gives the link to keep.
        Assert.Contains("data-testid=\"review-summary-pending\"", html, StringComparison.Ordinal);
        var kept = KeptLink(html);
        Assert.Contains(kept, response.RequestMessage!.RequestUri!.ToString(), StringComparison.Ordinal); // The very link it was opened with.

        await app.CreateAccountAsync("beheer@owinsp.example", "Beheerder", IbtDialogue.Accounts.Roles.Administrator);
        var administrator = await app.QueryAsync(db => db.Users.Where(u => u.Email == "beheer@owinsp.example").Select(u => u.Id).SingleAsync(Ct));
        var published = await app.Services.GetRequiredService<PublicationService>().PublishApprovedAsync(dialogue, annaId, administrator, "# Samenvatting\n\nGoed gesprek.");
        Assert.Equal(PublishOutcome.Published, published.Outcome);

        var after = await anyone.GetStringAsync(PietsLink(), Ct);
        Assert.DoesNotContain("data-testid=\"review-summary-pending\"", after, StringComparison.Ordinal);
        var summaryPath = Regex.Match(after, "<a href=\"(?<path>gesprekken/[^\"]+)\" data-testid=\"review-summary-link\"").Groups["path"].Value;
        Assert.StartsWith($"gesprekken/{published.SummaryId}/", summaryPath, StringComparison.Ordinal);
        Assert.Contains("Goed gesprek.", await anyone.GetStringAsync(summaryPath, Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_forged_or_damaged_link_or_one_that_names_another_dialogue_gets_the_dutch_not_found_page()
    {
        var links = app.Services.GetRequiredService<ReviewLinks>();
        var real = links.Make(dialogue, pietId);
        var (other, _) = await app.CreateDialogueAsync(annaId); // Still a draft: nothing to look back on.
        var continueLink = app.Services.GetRequiredService<ContinueLinks>().Make(dialogue, pietToken); // Another purpose's token.
        using var anyone = app.CreateBrowserClient();
        foreach (var wrong in new[] { "niet-een-link", real[..^2], real[..20] + (real[20] == 'x' ? 'y' : 'x') + real[21..], links.Make(other, pietId), links.Make(dialogue, pietId + 1000), continueLink })
        {
            using var response = await anyone.GetAsync($"terugkijken/{wrong}", Ct);
            await AssertGoneAsync(response);
        }
    }

    [Fact]
    public async Task The_link_stops_working_when_the_dialogue_is_deleted()
    {
        using var anyone = app.CreateBrowserClient();
        using (var before = await anyone.GetAsync(PietsLink(), Ct))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }

        var link = PietsLink();
        Assert.Null(await app.Services.GetRequiredService<PersonalData>().DeleteDialogueAsync(dialogue, Ct));

        using var after = await anyone.GetAsync(link, Ct);
        await AssertGoneAsync(after);
    }

    [Fact]
    public async Task The_link_keeps_working_after_the_names_are_pseudonymised_showing_the_pseudonyms()
    {
        var link = PietsLink();
        Assert.True(await app.Services.GetRequiredService<PersonalData>().PseudonymiseAsync(dialogue, Ct));

        using var anyone = app.CreateBrowserClient();
        var html = await anyone.GetStringAsync(link, Ct);
        Assert.Contains("Te weinig capaciteit bij de GGD", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Piet Jansen", html, StringComparison.Ordinal);
        Assert.Contains("Deelnemer 1, Zwolle", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_join_link_on_the_same_device_leads_to_the_view_after_closing_and_a_stranger_gets_the_one_answer()
    {
        using var piet = PietsBrowser();
        foreach (var url in new[] { $"deelnemen/{code}", $"deelnemen?code={code}" })
        {
            using var response = await piet.GetAsync(url, Ct);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            var location = response.Headers.Location!.ToString();
            Assert.Contains("/terugkijken/", location, StringComparison.Ordinal);
            var view = await piet.GetStringAsync(new Uri(location).PathAndQuery.TrimStart('/'), Ct);
            Assert.Contains("Te weinig capaciteit bij de GGD", view, StringComparison.Ordinal);
        }

        // The room on the same device, closed: the personal link in its closing section, prerendered.
        var room = await piet.GetStringAsync($"d/{code}", Ct);
        using var anyone = app.CreateBrowserClient();
        Assert.Contains("Te weinig capaciteit bij de GGD", await anyone.GetStringAsync(KeptLink(room), Ct), StringComparison.Ordinal);

        // Without this dialogue's token: the same page as for a code that does not exist.
        using var stranger = app.CreateBrowserClient();
        var unknownCode = IbtDialogue.Dialogues.JoinCodes.Create();
        using var known = await stranger.GetAsync($"deelnemen/{code}", Ct);
        using var unknown = await stranger.GetAsync($"deelnemen/{unknownCode}", Ct);
        Assert.Equal(HttpStatusCode.OK, known.StatusCode);
        Assert.Equal(unknown.StatusCode, known.StatusCode);
        var knownHtml = await known.Content.ReadAsStringAsync(Ct);
        Assert.Contains("Met deze code kun je niet (meer) deelnemen.", knownHtml, StringComparison.Ordinal);
        Assert.DoesNotContain("Lerende dialoog handhaving", knownHtml, StringComparison.Ordinal);
        Assert.DoesNotContain("terugkijken/", knownHtml, StringComparison.Ordinal);
        Assert.Equal(Answer(await unknown.Content.ReadAsStringAsync(Ct), unknownCode), Answer(knownHtml, code));

        // Someone with another dialogue's token is a stranger to this one.
        var (otherDialogue, otherCode) = await app.CreateDialogueAsync(annaId);
        Assert.True((await app.Services.GetRequiredService<RoomEngine>().OpenAsync(new DialogueCommand(Guid.NewGuid(), otherDialogue), new Actor(annaId, null, null), Ct)).Result.Ok);
        var otherToken = await app.JoinAsync(otherCode, "Fatima", "Aalten");
        var cookies = new CookieContainer();
        cookies.Add(app.BaseAddress, new Cookie(ParticipantTokens.CookieName(otherDialogue), otherToken, "/"));
        cookies.Add(app.BaseAddress, new Cookie(ParticipantTokens.CookieName(dialogue), otherToken, "/"));
        using var elsewhere = app.CreateBrowserClient(cookies);
        using var refused = await elsewhere.GetAsync($"deelnemen/{code}", Ct);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("Met deze code kun je niet (meer) deelnemen.", await refused.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }
}
