using System.Net;
using System.Text.RegularExpressions;
using IbtDialogue.Accounts;
using IbtDialogue.Components;
using IbtDialogue.Live;
using IbtDialogue.Minutes;
using IbtDialogue.Participants;
using IbtDialogue.Protocol;
using IbtDialogue.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IbtDialogue.Tests.Minutes;

/// <summary>
/// Four eyes over plain HTTP on the real app host, signed in through the login form: Anna proposes, Bert (a second
/// facilitator of the dialogue) or Dirk (an administrator) approves exactly that text, Carla (who facilitates
/// another dialogue) sees nothing of it.
/// </summary>
public sealed partial class FourEyesPageTests : IAsyncLifetime
{
    private const string Title = "Lerende dialoog handhaving";
    private readonly AppHost app = new();
    private int dialogue;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        await app.InitializeAsync();
        dialogue = await ClosedDialogueAsync(app);
        var bert = await app.CreateFacilitatorAsync("bert@owinsp.example", "Bert Bakker");
        var annaId = await app.QueryAsync(db => db.Users.Where(u => u.Email == "anna@owinsp.example").Select(u => u.Id).SingleAsync());
        Assert.Null(await app.Services.GetRequiredService<IbtDialogue.Dialogues.DialogueService>().AddFacilitatorAsync(dialogue, annaId, bert, Ct));
        var carla = await app.CreateFacilitatorAsync("carla@owinsp.example", "Carla Claes");
        await app.CreateDialogueAsync(carla, "Een ander thema");
        await app.CreateAccountAsync("dirk@owinsp.example", "Dirk Dekker", Roles.Administrator);
    }

    public ValueTask DisposeAsync() => app.DisposeAsync();

    /// <summary>Anna's dialogue with a participant and a good practice, closed: its minutes are version 1.</summary>
    internal static async Task<int> ClosedDialogueAsync(AppHost host)
    {
        var anna = new Actor(await host.CreateFacilitatorAsync("anna@owinsp.example", "Anna de Vries"), null, null);
        var (id, code) = await host.CreateDialogueAsync(anna.UserId!, "Handhaving bij overtredingen");
        var engine = host.Services.GetRequiredService<IbtDialogue.Room.RoomEngine>();
        await engine.OpenAsync(new DialogueCommand(Guid.NewGuid(), id), anna, Ct);
        var hash = ParticipantTokens.Hash(await host.JoinAsync(code, "Piet Jansen", "Zwolle"));
        var piet = new Actor(null, await host.QueryAsync(db => db.Participants.Where(p => p.TokenHash == hash).Select(p => p.Id).SingleAsync()), id);
        var theme = await host.QueryAsync(db => db.Themes.Where(t => t.DialogueId == id).Select(t => t.Id).SingleAsync());
        var contributions = host.Services.GetRequiredService<IbtDialogue.Contributions.ContributionCommands>();
        await contributions.PostContributionAsync(new PostContribution(Guid.NewGuid(), id, theme, ContributionKind.Bottleneck, "Te weinig capaciteit bij de GGD"), piet, Ct);
        await engine.CloseAsync(new DialogueCommand(Guid.NewGuid(), id), anna, Ct);
        return id;
    }

    private async Task<HttpClient> AsAsync(string name) => app.CreateBrowserClient(await app.LoginAsync($"{name}@owinsp.example"));

    /// <summary>The text the publish page offers, as the facilitator's browser would send it back.</summary>
    internal static string DraftOf(string publishPage) =>
        WebUtility.HtmlDecode(SummaryField().Match(publishPage).Groups["text"].Value).Replace("\r\n", "\n", StringComparison.Ordinal);

    /// <summary>Submits a text on the publish page and answers the response (a redirect when it was accepted).</summary>
    internal static async Task<HttpResponseMessage> SubmitAsync(HttpClient facilitator, int dialogueId, Func<string, string> text)
    {
        var form = await facilitator.GetStringAsync($"dialogen/{dialogueId}/publiceren", Ct);
        var fields = AppHost.FormFields(form, "publish");
        fields["Input.Markdown"] = text(DraftOf(form));
        return await facilitator.PostAsync($"dialogen/{dialogueId}/publiceren", new FormUrlEncodedContent(fields), Ct);
    }

    private async Task<(int Id, string Text)> ProposeAsync(HttpClient anna, string addition)
    {
        var text = "";
        using var response = await SubmitAsync(anna, dialogue, draft => text = draft + addition);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.EndsWith($"dialogen/{dialogue}/publiceren?voorgelegd=1", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
        var id = await app.QueryAsync(db => db.PublicationProposals.Where(p => p.DialogueId == dialogue && p.State == ProposalState.Pending).Select(p => p.Id).SingleAsync());
        return (id, text);
    }

    /// <summary>Posts a form of the approval page as its reader's browser does, with the fields it holds and these changes.</summary>
    private static async Task<HttpResponseMessage> DecideAsync(HttpClient reader, int proposal, string formName, Dictionary<string, string>? changes = null)
    {
        var fields = AppHost.FormFields(await reader.GetStringAsync($"goedkeuren/{proposal}", Ct), formName);
        foreach (var (key, value) in changes ?? [])
        {
            fields[key] = value;
        }

        return await reader.PostAsync($"goedkeuren/{proposal}", new FormUrlEncodedContent(fields), Ct);
    }

    private async Task<string?> PublicTextAsync() =>
        await app.QueryAsync(db => db.PublishedSummaries.Where(p => p.DialogueId == dialogue && p.IsPublished).Select(p => p.Markdown).SingleOrDefaultAsync());

    [Fact]
    public async Task Times_on_the_minutes_pages_are_Amsterdam_time_although_the_server_runs_in_UTC()
    {
        // CI's machine runs in UTC, as servers do: a time shown without conversion would read 05:45.
        // Version 1 made at 05:45 UTC on a summer day: 07:45 in the Netherlands (CEST, UTC+2).
        var made = new DateTime(2026, 7, 1, 5, 45, 0, DateTimeKind.Utc);
        await app.QueryAsync(db => db.MinutesVersions.Where(v => v.DialogueId == dialogue).ExecuteUpdateAsync(v => v.SetProperty(m => m.CreatedAt, made), Ct));
        var anna = await AsAsync("anna");

        var page = await anna.GetStringAsync(new Uri($"dialogen/{dialogue}/notulen", UriKind.Relative), Ct);
        var versions = await anna.GetStringAsync(new Uri($"dialogen/{dialogue}/notulen/versies", UriKind.Relative), Ct);

        Assert.Contains("1 juli 2026 07:45", page, StringComparison.Ordinal);
        Assert.Contains("1 juli 2026 07:45", versions, StringComparison.Ordinal);
        Assert.DoesNotContain("05:45", page + versions, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_second_facilitator_approves_exactly_the_proposed_text_its_proposer_cannot_and_a_facilitator_of_another_dialogue_sees_nothing()
    {
        using var anna = await AsAsync("anna");
        using var bert = await AsAsync("bert");
        using var carla = await AsAsync("carla");
        using var nobody = app.CreateBrowserClient();
        var (proposal, text) = await ProposeAsync(anna, "\nMet dank aan alle deelnemers.\n");

        // Proposed is not public.
        Assert.Null(await PublicTextAsync());
        Assert.Contains("0 gesprekken gevonden.", await nobody.GetStringAsync("gesprekken", Ct), StringComparison.Ordinal);
        var annaPublish = await anna.GetStringAsync($"dialogen/{dialogue}/publiceren?voorgelegd=1", Ct);
        Assert.Contains("data-testid=\"proposed\"", annaPublish, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"pending\"", annaPublish, StringComparison.Ordinal);

        // The proposer: not in her list, the page says someone else decides, and a decision of hers is refused.
        Assert.Contains("data-testid=\"awaiting-none\"", await anna.GetStringAsync("goedkeuren", Ct), StringComparison.Ordinal);
        var ownPage = await anna.GetStringAsync($"goedkeuren/{proposal}", Ct);
        Assert.Contains("data-testid=\"proposal-own\"", ownPage, StringComparison.Ordinal);
        Assert.DoesNotContain("value=\"approve\"", ownPage, StringComparison.Ordinal);
        var forged = AppHost.HiddenFields(annaPublish); // Her antiforgery token, with the approval form's fields.
        forged["_handler"] = "approve";
        forged["Approval.Hash"] = PublicationService.HashOf(text);
        using (var own = await anna.PostAsync($"goedkeuren/{proposal}", new FormUrlEncodedContent(forged), Ct))
        {
            Assert.Equal(HttpStatusCode.Conflict, own.StatusCode);
            Assert.Contains("Je kunt je eigen voorstel niet goedkeuren", await own.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        }

        Assert.Null(await PublicTextAsync());

        // A facilitator of another dialogue: not listed, not found, cannot decide.
        var carlaList = await carla.GetStringAsync("goedkeuren", Ct);
        Assert.DoesNotContain($"goedkeuren/{proposal}", carlaList, StringComparison.Ordinal);
        Assert.DoesNotContain(Title, carlaList, StringComparison.Ordinal);
        Assert.DoesNotContain("approvals-waiting", await carla.GetStringAsync("dialogen", Ct), StringComparison.Ordinal);
        using (var hidden = await carla.GetAsync($"goedkeuren/{proposal}", Ct))
        {
            Assert.Equal(HttpStatusCode.NotFound, hidden.StatusCode);
            Assert.DoesNotContain("alle deelnemers", await hidden.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        }

        var carlaFields = AppHost.HiddenFields(carlaList);
        carlaFields["_handler"] = "approve";
        carlaFields["Approval.Hash"] = PublicationService.HashOf(text);
        using (var refused = await carla.PostAsync($"goedkeuren/{proposal}", new FormUrlEncodedContent(carlaFields), Ct))
        {
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode); // For her the page has no proposal, so no form to submit.
        }

        Assert.Null(await PublicTextAsync());

        // The second facilitator: told on the dialogue list, reads the text, approves it.
        Assert.Contains("data-testid=\"approvals-waiting\"", await bert.GetStringAsync("dialogen", Ct), StringComparison.Ordinal);
        Assert.Contains($"href=\"goedkeuren/{proposal}\"", await bert.GetStringAsync("goedkeuren", Ct), StringComparison.Ordinal);
        var page = await bert.GetStringAsync($"goedkeuren/{proposal}", Ct);
        Assert.Contains("Met dank aan alle deelnemers.", page, StringComparison.Ordinal);
        Assert.Contains("Anna de Vries", page, StringComparison.Ordinal); // Who proposed it.
        using (var approved = await DecideAsync(bert, proposal, "approve"))
        {
            Assert.Equal(HttpStatusCode.Redirect, approved.StatusCode);
            Assert.EndsWith("goedkeuren?besluit=goedgekeurd", approved.Headers.Location!.OriginalString, StringComparison.Ordinal);
        }

        Assert.Equal(text, await PublicTextAsync()); // Exactly the text proposed, byte for byte.
        var summaryId = await app.QueryAsync(db => db.PublishedSummaries.Select(p => p.Id).SingleAsync());
        var publicPage = await nobody.GetStringAsync($"gesprekken/{summaryId}/lerende-dialoog-handhaving", Ct);
        Assert.Contains("Met dank aan alle deelnemers.", publicPage, StringComparison.Ordinal);
        Assert.DoesNotContain("public-corrected", publicPage, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"proposal-state\"", await anna.GetStringAsync($"goedkeuren/{proposal}", Ct), StringComparison.Ordinal);
        Assert.Contains("data-testid=\"awaiting-none\"", await bert.GetStringAsync("goedkeuren", Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Approving_a_text_whose_hash_differs_or_that_was_superseded_is_refused_and_a_rejection_needs_a_reason()
    {
        using var anna = await AsAsync("anna");
        using var bert = await AsAsync("bert");
        var (first, _) = await ProposeAsync(anna, "\nEerste tekst.\n");

        using (var differs = await DecideAsync(bert, first, "approve", new() { ["Approval.Hash"] = PublicationService.HashOf("Een andere tekst") }))
        {
            Assert.Equal(HttpStatusCode.Conflict, differs.StatusCode);
            Assert.Contains("niet de tekst die is voorgelegd", await differs.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        }

        Assert.Null(await PublicTextAsync());

        // Bert opened the first text; Anna proposes another before he approves: his approval is of a text that no longer waits.
        var stale = AppHost.FormFields(await bert.GetStringAsync($"goedkeuren/{first}", Ct), "approve");
        var (second, _) = await ProposeAsync(anna, "\nTweede tekst.\n");
        Assert.NotEqual(first, second);
        using (var superseded = await bert.PostAsync($"goedkeuren/{first}", new FormUrlEncodedContent(stale), Ct))
        {
            Assert.Equal(HttpStatusCode.Conflict, superseded.StatusCode);
            Assert.Contains("Er is intussen een nieuwere tekst voorgelegd", await superseded.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        }

        Assert.Null(await PublicTextAsync());

        using (var noReason = await DecideAsync(bert, second, "reject", new() { ["Rejection.Reason"] = "   " }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
            Assert.Contains("Geef een reden van afwijzing", await noReason.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        }

        Assert.Equal(ProposalState.Pending, await app.QueryAsync(db => db.PublicationProposals.Where(p => p.Id == second).Select(p => p.State).SingleAsync()));
        using (var rejected = await DecideAsync(bert, second, "reject", new() { ["Rejection.Reason"] = "De tweede alinea klopt niet." }))
        {
            Assert.Equal(HttpStatusCode.Redirect, rejected.StatusCode);
            Assert.EndsWith("goedkeuren?besluit=afgewezen", rejected.Headers.Location!.OriginalString, StringComparison.Ordinal);
        }

        Assert.Null(await PublicTextAsync());
        var annaPage = await anna.GetStringAsync($"dialogen/{dialogue}/publiceren", Ct);
        Assert.Contains("data-testid=\"rejected\"", annaPage, StringComparison.Ordinal);
        Assert.Contains("De tweede alinea klopt niet.", annaPage, StringComparison.Ordinal);
        Assert.Contains("Tweede tekst.", DraftOf(annaPage), StringComparison.Ordinal); // She mends the rejected text.
    }

    [Fact]
    public async Task An_administrator_approves_and_a_correction_leaves_the_public_text_until_it_is_approved_then_the_page_says_when_it_changed()
    {
        using var anna = await AsAsync("anna");
        using var dirk = await AsAsync("dirk");
        using var nobody = app.CreateBrowserClient();
        var (first, text) = await ProposeAsync(anna, "\nEerste versie van de samenvatting.\n");
        Assert.Contains($"href=\"goedkeuren/{first}\"", await dirk.GetStringAsync("goedkeuren", Ct), StringComparison.Ordinal); // Not his dialogue: he is an administrator.
        using (var approved = await DecideAsync(dirk, first, "approve"))
        {
            Assert.Equal(HttpStatusCode.Redirect, approved.StatusCode);
        }

        Assert.Equal(text, await PublicTextAsync());
        var summaryId = await app.QueryAsync(db => db.PublishedSummaries.Select(p => p.Id).SingleAsync());
        var address = $"gesprekken/{summaryId}/lerende-dialoog-handhaving";

        // The minutes version it came from is final: the versions say so, and no older one can be restored over it.
        Assert.Contains("data-testid=\"final\"", await anna.GetStringAsync($"dialogen/{dialogue}/notulen/versies", Ct), StringComparison.Ordinal);
        Assert.Contains("data-testid=\"minutes-final\"", await anna.GetStringAsync($"dialogen/{dialogue}/notulen", Ct), StringComparison.Ordinal);

        // A correction: proposed, the public page keeps the approved text meanwhile.
        var (correction, corrected) = await ProposeAsync(anna, "\nCorrectie: het ging om twee gemeenten.\n");
        Assert.Equal(text, await PublicTextAsync());
        var meanwhile = await nobody.GetStringAsync(address, Ct);
        Assert.Contains("Eerste versie van de samenvatting.", meanwhile, StringComparison.Ordinal);
        Assert.DoesNotContain("twee gemeenten", meanwhile, StringComparison.Ordinal);
        Assert.DoesNotContain("Gewijzigd op", meanwhile, StringComparison.Ordinal);
        var review = await dirk.GetStringAsync($"goedkeuren/{correction}", Ct);
        Assert.Contains("data-testid=\"current-public\"", review, StringComparison.Ordinal); // What the correction replaces.

        using (var approved = await DecideAsync(dirk, correction, "approve"))
        {
            Assert.Equal(HttpStatusCode.Redirect, approved.StatusCode);
        }

        Assert.Equal(corrected, await PublicTextAsync());
        var changedAt = await app.QueryAsync(db => db.PublishedSummaries.Select(p => p.CorrectedAt).SingleAsync());
        var day = DutchTime.FromUtc(changedAt!.Value).ToString("d MMMM yyyy", System.Globalization.CultureInfo.GetCultureInfo("nl-NL"));
        var after = await nobody.GetStringAsync(address, Ct);
        Assert.Contains("twee gemeenten", after, StringComparison.Ordinal);
        Assert.Contains($"data-testid=\"public-corrected\">Gewijzigd op {day}.", after, StringComparison.Ordinal);
        Assert.Contains($"Gewijzigd op {day}.", await nobody.GetStringAsync("gesprekken", Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_minutes_page_refuses_to_restore_a_version_from_before_the_published_one()
    {
        using var anna = await AsAsync("anna");
        using var bert = await AsAsync("bert");
        var minutes = AppHost.FormFields(await anna.GetStringAsync($"dialogen/{dialogue}/notulen/bewerken", Ct), "minutes");
        minutes["Input.Markdown"] = "# Notulen\n\nBewerkt.";
        using (var saved = await anna.PostAsync($"dialogen/{dialogue}/notulen/bewerken", new FormUrlEncodedContent(minutes), Ct))
        {
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        }

        // Version 1 can be restored while nothing is published: the form is there.
        var restoreForm = AppHost.FormFields(await anna.GetStringAsync($"dialogen/{dialogue}/notulen/versies/1", Ct), "restore");
        var (proposal, _) = await ProposeAsync(anna, "");
        using (var approved = await DecideAsync(bert, proposal, "approve"))
        {
            Assert.Equal(HttpStatusCode.Redirect, approved.StatusCode);
        }

        var old = await anna.GetStringAsync($"dialogen/{dialogue}/notulen/versies/1", Ct);
        Assert.Contains("data-testid=\"restore-blocked\"", old, StringComparison.Ordinal);
        Assert.DoesNotContain("value=\"restore\"", old, StringComparison.Ordinal);

        // The form from before, sent now: refused, nothing saved.
        using (var refused = await anna.PostAsync($"dialogen/{dialogue}/notulen/versies/1", new FormUrlEncodedContent(restoreForm), Ct))
        {
            Assert.NotEqual(HttpStatusCode.Redirect, refused.StatusCode);
        }

        Assert.Equal(2, await app.QueryAsync(db => db.MinutesVersions.Where(m => m.DialogueId == dialogue).MaxAsync(m => m.Number)));
        Assert.Equal([2], await app.QueryAsync(db => db.MinutesVersions.Where(m => m.DialogueId == dialogue && m.FinalAt != null).Select(m => m.Number).ToListAsync()));
    }

    [GeneratedRegex("<textarea[^>]*name=\"Input.Markdown\"[^>]*>(?<text>[^<]*)</textarea>")]
    private static partial Regex SummaryField();
}

/// <summary>With <c>Publication:RequireSecondApproval</c> off, a facilitator publishes in one step.</summary>
public sealed class OneStepPublicationTests : IAsyncLifetime
{
    private readonly AppHost app = new() { Settings = { ["Publication:RequireSecondApproval"] = "false" } };
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => await app.InitializeAsync();

    public ValueTask DisposeAsync() => app.DisposeAsync();

    [Fact]
    public async Task Without_second_approval_publishing_is_one_step_and_still_refuses_names()
    {
        var dialogue = await FourEyesPageTests.ClosedDialogueAsync(app);
        using var anna = app.CreateBrowserClient(await app.LoginAsync("anna@owinsp.example"));
        var page = await anna.GetStringAsync($"dialogen/{dialogue}/publiceren", Ct);
        Assert.DoesNotContain("Ter goedkeuring voorleggen", page, StringComparison.Ordinal);

        using (var named = await FourEyesPageTests.SubmitAsync(anna, dialogue, draft => draft + "\nBel 06-12345678.\n"))
        {
            Assert.Equal(HttpStatusCode.BadRequest, named.StatusCode);
        }

        var text = "";
        using (var published = await FourEyesPageTests.SubmitAsync(anna, dialogue, draft => text = draft + "\nMet dank aan alle deelnemers.\n"))
        {
            Assert.Equal(HttpStatusCode.Redirect, published.StatusCode);
            Assert.EndsWith($"dialogen/{dialogue}/publiceren", published.Headers.Location!.OriginalString, StringComparison.Ordinal);
        }

        Assert.Equal(text, await app.QueryAsync(db => db.PublishedSummaries.Where(p => p.IsPublished).Select(p => p.Markdown).SingleAsync()));
        Assert.Equal([ProposalState.Approved], await app.QueryAsync(db => db.PublicationProposals.Select(p => p.State).ToListAsync())); // Kept as history all the same.
        Assert.Equal([1], await app.QueryAsync(db => db.MinutesVersions.Where(m => m.FinalAt != null).Select(m => m.Number).ToListAsync()));
    }
}
