using System.Net;
using IbtDialogue.Accounts;
using IbtDialogue.Live;
using IbtDialogue.NationalPicture;
using IbtDialogue.Participants;
using IbtDialogue.Protocol;
using IbtDialogue.Room;
using IbtDialogue.Tests.Support;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.StaticAssets;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IbtDialogue.Tests.Accounts;

/// <summary>
/// Who may reach which page and endpoint, for every endpoint the app maps: the list comes from the app's
/// own routing, so a new page without a line here fails this test until someone decides who may see it.
/// </summary>
public sealed class AuthorizationMatrixTests(AppHost app) : IClassFixture<AppHost>
{
    // The personas, in the order of the columns below.
    internal static readonly string[] Personas = ["anonymous", "participant", "facilitator A", "facilitator B", "analyst", "administrator"];

    // What each persona gets: 200 (the page), L (sent to log in), D (sent to "no access"), 404, 401, 400, R (a redirect elsewhere).
    // Dialogue A is facilitator A's, closed, with facilitator B as no part of it; the participant took part in it.
    // A POST without the form's antiforgery token is refused (400) once the caller may reach the page at all.
    // Facilitator B and the administrator run no part of dialogue A: its pages answer 404 to them, as if it did not exist;
    // only its record (dossier.json) an administrator may download, to answer a Woo request.
    // Dialogue A has an agreement with a working follow-up link: its page answers anyone who holds the link.
    // A participant's own data answers only to the token of that participant's browser, 404 to everyone else.
    // The analyst reads dialogue A's record (it is closed) but may not change or run anything.
    // The national picture's findings and indicators are read by every account that reads records; only analysts write them.
    // A hub token is given for a participant's cookie only (a closed dialogue's: for reading); the hub takes only hub tokens.
    // Facilitator A proposed dialogue A's summary: its approval page shows it to her (to decide: no) and to administrators,
    // who approve for any dialogue; to facilitator B, who runs no part of it, it does not exist.
    internal static readonly Dictionary<string, string> Expected = new()
    {
        ["GET /"] = "200 200 200 200 200 200",
        ["POST /"] = "400 400 400 400 400 400",
        ["GET /afspraak/{Token}"] = "200 200 200 200 200 200", // a contact's follow-up link: the link is the key, no account
        ["POST /afspraak/{Token}"] = "400 400 400 400 400 400",
        ["GET /afspraken"] = "L L 200 200 D 200",
        ["POST /afspraken"] = "L L 400 400 D 400",
        ["GET /reeksen"] = "L L 200 200 D 200",
        ["POST /reeksen"] = "L L 400 400 D 400",
        ["GET /reeksen/{Id:int}"] = "L L 200 200 D 200",
        ["POST /reeksen/{Id:int}"] = "L L 400 400 D 400",
        ["GET /reeksen/{Id:int}/verwijderen"] = "L L 200 200 D 200", // series are the team's: any facilitator renames and deletes one
        ["POST /reeksen/{Id:int}/verwijderen"] = "L L 400 400 D 400",
        ["GET /account"] = "L L 200 200 200 200",
        ["POST /account"] = "L L 400 400 400 400",
        ["GET /account/geen-toegang"] = "403 403 403 403 403 403",
        ["POST /account/geen-toegang"] = "400 400 400 400 400 400",
        ["GET /account/login"] = "200 200 200 200 200 200",
        ["POST /account/login"] = "400 400 400 400 400 400",
        ["GET /account/login/organisatie"] = "404 404 404 404 404 404",
        ["GET /account/login/organisatie/klaar"] = "404 404 404 404 404 404",
        ["GET /account/login/tweestaps"] = "200 200 200 200 200 200",
        ["POST /account/login/tweestaps"] = "400 400 400 400 400 400",
        ["POST /account/logout"] = "400 400 400 400 400 400",
        ["GET /account/start"] = "L L R R R R",
        ["GET /account/tweestaps"] = "L L 200 200 200 200",
        ["POST /account/tweestaps"] = "L L 400 400 400 400",
        ["GET /account/uitnodiging"] = "400 400 400 400 400 400",
        ["POST /account/uitnodiging"] = "400 400 400 400 400 400",
        ["GET /account/wachtwoord-herstellen"] = "400 400 400 400 400 400",
        ["POST /account/wachtwoord-herstellen"] = "400 400 400 400 400 400",
        ["GET /account/wachtwoord-vergeten"] = "200 200 200 200 200 200",
        ["POST /account/wachtwoord-vergeten"] = "400 400 400 400 400 400",
        ["GET /analyse/dialogen"] = "L L D D 200 D",
        ["POST /analyse/dialogen"] = "L L D D 400 D",
        ["POST /api/hub-token/{dialogueId:int}"] = "401 200 401 401 401 401",
        ["POST /api/markdown/preview"] = "L L 200 200 D 200",
        ["GET /beheer/accounts"] = "L L D D D 200",
        ["POST /beheer/accounts"] = "L L D D D 400",
        ["GET /beheer/accounts/uitnodigen"] = "L L D D D 200",
        ["POST /beheer/accounts/uitnodigen"] = "L L D D D 400",
        ["GET /beheer/deelnemers"] = "L L D D D 200",
        ["POST /beheer/deelnemers"] = "L L D D D 400",
        ["GET /beheer/deelnemers/{Id:int}"] = "L L D D D 200",
        ["POST /beheer/deelnemers/{Id:int}"] = "L L D D D 400",
        ["GET /beheer/deelnemers/{Id:int}/gegevens.html"] = "L L D D D 200",
        ["GET /beheer/deelnemers/{Id:int}/gegevens.json"] = "L L D D D 200",
        ["GET /beheer/dossiers"] = "L L D D D 200",
        ["POST /beheer/dossiers"] = "L L D D D 400",
        ["GET /beheer/accounts/{Id}"] = "L L D D D 200",
        ["POST /beheer/accounts/{Id}"] = "L L D D D 400",
        ["POST /csp-report"] = "204 204 204 204 204 204",
        ["GET /d/{Code}"] = "R 200 R R R R",
        ["POST /d/{Code}"] = "400 400 400 400 400 400",
        ["GET /d/{Code}/ander-apparaat"] = "R 200 R R R R",
        ["POST /d/{Code}/ander-apparaat"] = "400 400 400 400 400 400",
        ["GET /d/{Code}/verder/{Link}"] = "400 400 400 400 400 400",
        ["POST /d/{Code}/verder/{Link}"] = "400 400 400 400 400 400",
        ["GET /d/{Code}/mijn-gegevens"] = "404 200 404 404 404 404",
        ["POST /d/{Code}/mijn-gegevens"] = "400 400 400 400 400 400",
        ["GET /d/{Code}/mijn-gegevens.html"] = "404 200 404 404 404 404",
        ["GET /d/{Code}/mijn-gegevens.json"] = "404 200 404 404 404 404",
        ["GET /deelnemen"] = "200 200 200 200 200 200",
        ["POST /deelnemen"] = "400 400 400 400 400 400",
        ["GET /deelnemen/{Code}"] = "200 R 200 200 200 200", // the participant's own browser, after the close: to the read-only view
        ["POST /deelnemen/{Code}"] = "400 400 400 400 400 400",
        ["GET /dialogen"] = "L L 200 200 D 200",
        ["POST /dialogen"] = "L L 400 400 D 400",
        ["GET /dialogen/nieuw"] = "L L 200 200 D 200",
        ["POST /dialogen/nieuw"] = "L L 400 400 D 400",
        ["GET /dialogen/{Id:int}"] = "L L 200 404 D 404",
        ["POST /dialogen/{Id:int}"] = "L L 400 400 D 400",
        ["GET /dialogen/{Id:int}/afspraken"] = "L L 200 404 D 404",
        ["POST /dialogen/{Id:int}/afspraken"] = "L L 400 400 D 400",
        ["GET /dialogen/{Id:int}/facilitatoren"] = "L L 200 404 D 404",
        ["POST /dialogen/{Id:int}/facilitatoren"] = "L L 400 400 D 400",
        ["GET /dialogen/{Id:int}/uitgenodigd"] = "L L 200 404 D 404",
        ["POST /dialogen/{Id:int}/uitgenodigd"] = "L L 400 400 D 400",
        ["GET /dialogen/{Id:int}/gegevens"] = "L L 200 404 D 404",
        ["POST /dialogen/{Id:int}/gegevens"] = "L L 400 400 D 400",
        ["GET /dialogen/{id:int}/agenda.ics"] = "L L 200 404 D 404",
        ["GET /dialogen/{Id:int}/landelijk"] = "L L 200 404 D 404",
        ["POST /dialogen/{Id:int}/landelijk"] = "L L 400 400 D 400",
        ["GET /dialogen/{Id:int}/moderatie"] = "L L 200 404 D 404",
        ["POST /dialogen/{Id:int}/moderatie"] = "L L 400 400 D 400",
        ["GET /dialogen/{Id:int}/notulen"] = "L L 200 404 200 404",
        ["POST /dialogen/{Id:int}/notulen"] = "L L 400 400 400 400",
        ["GET /dialogen/{Id:int}/notulen/bewerken"] = "L L 200 404 D 404",
        ["POST /dialogen/{Id:int}/notulen/bewerken"] = "L L 400 400 D 400",
        ["GET /dialogen/{Id:int}/notulen/versies"] = "L L 200 404 200 404",
        ["POST /dialogen/{Id:int}/notulen/versies"] = "L L 400 400 400 400",
        ["GET /dialogen/{Id:int}/notulen/versies/{Number:int}"] = "L L 200 404 200 404",
        ["POST /dialogen/{Id:int}/notulen/versies/{Number:int}"] = "L L 400 400 400 400",
        ["GET /dialogen/{Id:int}/verwijderen"] = "L L 200 404 D 404",
        ["POST /dialogen/{Id:int}/verwijderen"] = "L L 400 400 D 400",
        ["GET /dialogen/{Id:int}/presentatie"] = "L L 200 404 D 404",
        ["POST /dialogen/{Id:int}/presentatie"] = "L L 400 400 D 400",
        ["GET /dialogen/{Id:int}/publiceren"] = "L L 200 404 D 404",
        ["POST /dialogen/{Id:int}/publiceren"] = "L L 400 400 D 400",
        ["GET /dialogen/{id:int}/notulen.docx"] = "L L 200 404 200 404",
        ["GET /dialogen/{id:int}/notulen.html"] = "L L 200 404 200 404",
        ["GET /dialogen/{id:int}/notulen.md"] = "L L 200 404 200 404",
        ["GET /dialogen/{id:int}/stemmen.csv"] = "L L 200 404 200 404",
        ["GET /dialogen/{Id:int}/dossier.json"] = "L L 200 404 200 200",
        ["GET /fout"] = "200 200 200 200 200 200",
        ["POST /fout"] = "400 400 400 400 400 400",
        ["GET /gesprekken"] = "200 200 200 200 200 200",
        ["POST /gesprekken"] = "400 400 400 400 400 400",
        ["GET /gesprekken/feed.atom"] = "200 200 200 200 200 200",
        ["GET /gesprekken/{Id:int}"] = "404 404 404 404 404 404",
        ["POST /gesprekken/{Id:int}"] = "400 400 400 400 400 400",
        ["GET /gesprekken/{Id:int}/{Slug}"] = "404 404 404 404 404 404",
        ["POST /gesprekken/{Id:int}/{Slug}"] = "400 400 400 400 400 400",
        ["GET /goedkeuren"] = "L L 200 200 D 200",
        ["POST /goedkeuren"] = "L L 400 400 D 400",
        ["GET /goedkeuren/{Id:int}"] = "L L 200 404 D 200",
        ["POST /goedkeuren/{Id:int}"] = "L L 400 400 D 400",
        ["GET /hubs/dialogue"] = "401 400 400 400 400 400",
        ["POST /hubs/dialogue/negotiate"] = "401 200 200 200 200 200",
        ["GET /landelijk-beeld"] = "200 200 200 200 200 200",
        ["POST /landelijk-beeld"] = "400 400 400 400 400 400",
        ["GET /landelijk-beeld/bibliotheek"] = "L L 200 200 200 200",
        ["POST /landelijk-beeld/bibliotheek"] = "L L 400 400 400 400",
        ["GET /landelijk-beeld/catalogus"] = "L L D D 200 200",
        ["POST /landelijk-beeld/catalogus"] = "L L D D 400 400",
        ["GET /landelijk-beeld/catalogus/{Id:int}"] = "L L D D 200 200",
        ["POST /landelijk-beeld/catalogus/{Id:int}"] = "L L D D 400 400",
        ["GET /landelijk-beeld/goede-voorbeelden"] = "200 200 200 200 200 200",
        ["POST /landelijk-beeld/goede-voorbeelden"] = "400 400 400 400 400 400",
        ["GET /landelijk-beeld/intern"] = "L L 200 200 200 200",
        ["POST /landelijk-beeld/intern"] = "L L 400 400 400 400",
        ["GET /landelijk-beeld/koppelen"] = "L L D D 200 200",
        ["POST /landelijk-beeld/koppelen"] = "L L D D 400 400",
        ["GET /landelijk-beeld/risicos.csv"] = "200 200 200 200 200 200",
        ["GET /landelijk-beeld/risicos.json"] = "200 200 200 200 200 200",
        ["GET /landelijk-beeld/bevindingen"] = "L L 200 200 200 200",
        ["POST /landelijk-beeld/bevindingen"] = "L L 400 400 400 400",
        ["GET /landelijk-beeld/bevindingen/nieuw"] = "L L D D 200 D",
        ["POST /landelijk-beeld/bevindingen/nieuw"] = "L L D D 400 D",
        ["GET /landelijk-beeld/bevindingen/{Id:int}"] = "L L D D 200 D",
        ["POST /landelijk-beeld/bevindingen/{Id:int}"] = "L L D D 400 D",
        ["GET /landelijk-beeld/indicatoren"] = "L L 200 200 200 200",
        ["POST /landelijk-beeld/indicatoren"] = "L L 400 400 400 400",
        ["GET /landelijk-beeld/indicatoren/{Key}"] = "L L 200 200 200 200",
        ["POST /landelijk-beeld/indicatoren/{Key}"] = "L L 400 400 400 400",
        ["GET /niet-gevonden"] = "200 200 200 200 200 200",
        ["POST /niet-gevonden"] = "400 400 400 400 400 400",
        ["GET /privacy"] = "200 200 200 200 200 200",
        ["POST /privacy"] = "400 400 400 400 400 400",
        ["GET /setup"] = "404 404 404 404 404 404",
        ["POST /setup"] = "400 400 400 400 400 400",
        ["GET /sjablonen"] = "L L 200 200 D 200",
        ["POST /sjablonen"] = "L L 400 400 D 400",
        ["GET /sjablonen/nieuw"] = "L L 200 200 D 200",
        ["POST /sjablonen/nieuw"] = "L L 400 400 D 400",
        ["GET /sjablonen/{Id:int}"] = "L L 200 200 D 200",
        ["POST /sjablonen/{Id:int}"] = "L L 400 400 D 400",
        ["GET /taal"] = "R R R R R R", // The language switch: anyone, back to a page of this site.
        ["GET /toegankelijkheid"] = "200 200 200 200 200 200",
        ["POST /toegankelijkheid"] = "400 400 400 400 400 400",
        ["GET /terugkijken/{Token}"] = "200 200 200 200 200 200", // a participant's personal link to the closed dialogue: the link is the key, read-only
        ["POST /terugkijken/{Token}"] = "400 400 400 400 400 400",
        ["GET /uitslag/{Key}"] = "200 200 200 200 200 200",
        ["POST /uitslag/{Key}"] = "400 400 400 400 400 400",
        ["GET /{**path:file}"] = "404 404 404 404 404 404",
    };

    [Fact]
    public async Task Every_endpoint_answers_each_persona_as_the_rules_say()
    {
        var world = await WorldAsync(app);
        var endpoints = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText is { } raw && !raw.TrimStart('/').StartsWith('_') && !IsStaticFile(e))
            .SelectMany(e => Methods(e).Select(m => (Method: m, Pattern: "/" + e.RoutePattern.RawText!.TrimStart('/'))))
            .Distinct()
            .OrderBy(e => e.Pattern, StringComparer.Ordinal).ThenBy(e => e.Method, StringComparer.Ordinal)
            .ToList();

        var found = new List<string>();
        var wrong = new List<string>();
        foreach (var (method, pattern) in endpoints)
        {
            var key = $"{method} {pattern}";
            var answers = new List<string>();
            foreach (var persona in Personas)
            {
                answers.Add(await AnswerAsync(world, persona, method, Url(world, pattern)));
            }

            var line = string.Join(' ', answers);
            found.Add($"[\"{key}\"] = \"{line}\",");
            if (!Expected.TryGetValue(key, out var expected) || expected != line)
            {
                wrong.Add($"{key}: expected {expected ?? "(no line)"}, got {line}");
            }
        }

        Assert.True(wrong.Count == 0, string.Join('\n', wrong) + "\n\nAll answers:\n" + string.Join('\n', found));
    }

    /// <summary>The methods to try: what the endpoint declares (GET and POST), SignalR's negotiate as POST.</summary>
    private static IEnumerable<string> Methods(RouteEndpoint endpoint) =>
        endpoint.RoutePattern.RawText!.EndsWith("/negotiate", StringComparison.Ordinal) ? ["POST"]
        : (endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"]).Where(m => m is "GET" or "POST");

    internal static bool IsStaticFile(RouteEndpoint endpoint) => endpoint.Metadata.GetMetadata<StaticAssetDescriptor>() is not null;

    internal sealed record World(int Dialogue, string Code, int Template, string FacilitatorB, string ResultsKey, Dictionary<string, CookieContainer> Cookies, string HubToken, int Finding, string Indicator, int Participant, int Proposal, string FollowUpToken, string ReviewToken, int Series);

    /// <summary>Dialogue A (closed, with a participant), a template, a finding, an indicator, a proposal, and every persona signed in.</summary>
    internal static async Task<World> WorldAsync(AppHost app)
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var facA = await app.CreateFacilitatorAsync($"a-{tag}@owinsp.example", "Anna");
        var facB = await app.CreateFacilitatorAsync($"b-{tag}@owinsp.example", "Bert");
        await app.CreateAccountAsync($"c-{tag}@owinsp.example", "Carla", Roles.Analyst);
        await app.CreateAccountAsync($"d-{tag}@owinsp.example", "Dirk", Roles.Administrator);
        var (dialogue, code) = await app.CreateDialogueAsync(facA);
        var engine = app.Services.GetRequiredService<RoomEngine>();
        var anna = new Actor(facA, null, null);
        Assert.True((await engine.OpenAsync(new DialogueCommand(Guid.NewGuid(), dialogue), anna, TestContext.Current.CancellationToken)).Result.Ok);
        var token = await app.JoinAsync(code, "Piet", "Zwolle");
        var theme = await app.QueryAsync(db => db.Themes.Where(t => t.DialogueId == dialogue).OrderBy(t => t.Position).Select(t => t.Id).FirstAsync(TestContext.Current.CancellationToken));
        var agreement = await app.Services.GetRequiredService<IbtDialogue.Agreements.AgreementCommands>().SaveAgreementAsync(
            new SaveAgreement(Guid.NewGuid(), dialogue, null, theme, "Beleid actualiseren", "Gemeente Zwolle", null), anna, TestContext.Current.CancellationToken);
        Assert.True(agreement.Result.Ok, agreement.Result.Error);
        var followUpLink = (await app.Services.GetRequiredService<IbtDialogue.Agreements.AgreementFollowUp>().IssueLinkAsync(
            dialogue, agreement.Result.EntityId!.Value, facA, TestContext.Current.CancellationToken))!;
        Assert.True((await engine.CloseAsync(new DialogueCommand(Guid.NewGuid(), dialogue), anna, TestContext.Current.CancellationToken)).Result.Ok);
        var seriesService = app.Services.GetRequiredService<IbtDialogue.Series.SeriesService>();
        var (series, _) = await seriesService.CreateAsync(facA, $"Reeks {tag}", "Other", null, TestContext.Current.CancellationToken);
        Assert.Equal([], await seriesService.AssignAsync(dialogue, facA, series, TestContext.Current.CancellationToken));
        var template = await app.Services.GetRequiredService<IbtDialogue.Dialogues.TemplateService>().CreateFromDialogueAsync(dialogue, facA, TestContext.Current.CancellationToken);
        var (finding, _) = await app.Services.GetRequiredService<FindingService>().SaveAsync(
            null, new FindingDraft(IbtDialogue.Dialogues.Domain.ChildcareSupervision, "ko-lrk", "Het LRK is niet op orde", "Tekst", null), facA, TestContext.Current.CancellationToken);
        var indicator = $"lrk-{tag}";
        await app.Services.GetRequiredService<IndicatorService>().DefineAsync(
            new IndicatorDraft(indicator, "LRK juist", "%", IbtDialogue.Dialogues.Domain.ChildcareSupervision, null, null), TestContext.Current.CancellationToken);

        var proposal = await app.Services.GetRequiredService<IbtDialogue.Minutes.PublicationService>().PublishAsync(dialogue, facA, "# Samenvatting\n\nGoed gesprek.", TestContext.Current.CancellationToken);
        Assert.Equal(IbtDialogue.Minutes.PublishOutcome.Proposed, proposal.Outcome);

        var participant = new CookieContainer();
        participant.Add(app.BaseAddress, new Cookie(ParticipantTokens.CookieName(dialogue), token, "/"));
        var cookies = new Dictionary<string, CookieContainer>
        {
            ["anonymous"] = new(),
            ["participant"] = participant,
            ["facilitator A"] = await app.LoginAsync($"a-{tag}@owinsp.example"),
            ["facilitator B"] = await app.LoginAsync($"b-{tag}@owinsp.example"),
            ["analyst"] = await app.LoginAsync($"c-{tag}@owinsp.example"),
            ["administrator"] = await app.LoginAsync($"d-{tag}@owinsp.example"),
        };
        string resultsKey;
        using (var scope = app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<IbtDialogue.Persistence.DialogueDb>();
            resultsKey = await db.Dialogues.Where(d => d.Id == dialogue).Select(d => d.ResultsKey!).SingleAsync(TestContext.Current.CancellationToken);
        }

        var participantHash = ParticipantTokens.Hash(token);
        var participantId = await app.QueryAsync(db => db.Participants.Where(p => p.TokenHash == participantHash).Select(p => p.Id).SingleAsync(TestContext.Current.CancellationToken));
        return new World(dialogue, code, template!.Value, facB, resultsKey, cookies, (await app.HubTokenAsync(token))!, finding!.Value, indicator, participantId, proposal.ProposalId!.Value, followUpLink.Secret,
            app.Services.GetRequiredService<ReviewLinks>().Make(dialogue, participantId), series!.Value);
    }

    internal static string Url(World world, string pattern) => pattern
        .Replace("/afspraak/{Token}", $"/afspraak/{world.FollowUpToken}", StringComparison.Ordinal)
        .Replace("/terugkijken/{Token}", $"/terugkijken/{world.ReviewToken}", StringComparison.Ordinal)
        .Replace("/sjablonen/{Id:int}", $"/sjablonen/{world.Template}", StringComparison.Ordinal)
        .Replace("/reeksen/{Id:int}", $"/reeksen/{world.Series}", StringComparison.Ordinal)
        .Replace("/landelijk-beeld/catalogus/{Id:int}", "/landelijk-beeld/catalogus/1", StringComparison.Ordinal)
        .Replace("/goedkeuren/{Id:int}", $"/goedkeuren/{world.Proposal}", StringComparison.Ordinal)
        .Replace("/beheer/deelnemers/{Id:int}", $"/beheer/deelnemers/{world.Participant}", StringComparison.Ordinal)
        .Replace("/beheer/accounts/{Id}", $"/beheer/accounts/{world.FacilitatorB}", StringComparison.Ordinal)
        .Replace("/landelijk-beeld/bevindingen/{Id:int}", $"/landelijk-beeld/bevindingen/{world.Finding}", StringComparison.Ordinal)
        .Replace("/landelijk-beeld/indicatoren/{Key}", $"/landelijk-beeld/indicatoren/{world.Indicator}", StringComparison.Ordinal)
        .Replace("{Id:int}", world.Dialogue.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
        .Replace("{id:int}", world.Dialogue.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
        .Replace("{Number:int}", "1", StringComparison.Ordinal)
        .Replace("{dialogueId:int}", world.Dialogue.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
        .Replace("{Code}", world.Code, StringComparison.Ordinal)
        .Replace("{Slug}", "dialoog", StringComparison.Ordinal)
        .Replace("/uitslag/{Key}", $"/uitslag/{world.ResultsKey}", StringComparison.Ordinal);

    private async Task<string> AnswerAsync(World world, string persona, string method, string url)
    {
        using var client = app.CreateBrowserClient(world.Cookies[persona]);
        using var request = new HttpRequestMessage(new HttpMethod(method), url.TrimStart('/'));
        if (persona == "participant" && url.StartsWith(HubContract.Path, StringComparison.Ordinal))
        {
            request.Headers.Authorization = new("Bearer", world.HubToken);
        }

        if (method == "POST")
        {
            request.Content = new FormUrlEncodedContent([]);
        }

        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
        var status = (int)response.StatusCode;
        if (status is 301 or 302 or 303 or 307)
        {
            var location = response.Headers.Location?.OriginalString ?? "";
            return location.Contains("account/login", StringComparison.Ordinal) ? "L"
                : location.Contains("account/geen-toegang", StringComparison.Ordinal) ? "D"
                : "R";
        }

        return status.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}
