using System.Net;
using IbtDialogue.Dialogues;
using IbtDialogue.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace IbtDialogue.Tests.Security;

/// <summary>Tests that load the machine: they run alone, after the others, so they do not slow other tests' timeouts.</summary>
[CollectionDefinition(nameof(RunsAlone), DisableParallelization = true)]
public sealed class RunsAlone;

/// <summary>The default limits let a crowd behind one address join, and still stop a guesser there (issue 10, finding 2).</summary>
[Collection(nameof(RunsAlone))]
public sealed class CrowdJoinTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Five_hundred_people_behind_one_address_join_at_once_with_the_default_limits_and_a_guesser_there_is_still_slowed()
    {
        await using var app = await SecurityHosts.StartAsync();
        var anna = await app.CreateFacilitatorAsync("anna@owinsp.example", "Anna");
        var (dialogue, code) = await app.CreateDialogueAsync(anna);
        await app.OpenAsync(dialogue, anna);
        const string nat = "192.0.2.44";

        // Every tenth person first mistypes the code; everyone opens the join page, joins and opens the room.
        var statuses = new System.Collections.Concurrent.ConcurrentBag<HttpStatusCode>();
        await Parallel.ForEachAsync(Enumerable.Range(0, 500), new ParallelOptions { MaxDegreeOfParallelism = 32, CancellationToken = Ct }, async (i, _) =>
        {
            using var browser = app.CreateBrowserClient();
            if (i % 10 == 0)
            {
                using var typo = await browser.GetFromAsync($"deelnemen/{JoinCodes.Create()}", nat);
                statuses.Add(typo.StatusCode);
            }

            using var page = await browser.GetFromAsync($"deelnemen/{JoinCodes.Display(code)}", nat);
            statuses.Add(page.StatusCode);
            var fields = AppHost.FormFields(await page.Content.ReadAsStringAsync(Ct), "join");
            fields["Input.DisplayName"] = $"Deelnemer {i}";
            fields["Input.Municipality"] = "Zwolle";
            using var joined = await browser.PostFromAsync($"deelnemen/{code}", nat, fields);
            statuses.Add(joined.StatusCode);
            using var room = await browser.GetFromAsync($"d/{code}", nat);
            statuses.Add(room.StatusCode);
        });

        Assert.DoesNotContain(HttpStatusCode.TooManyRequests, statuses);
        Assert.Equal(500, await app.QueryAsync(db => db.Participants.CountAsync(p => p.DialogueId == dialogue)));

        // Someone at the same address who keeps guessing runs out of failures.
        using var guesser = app.CreateBrowserClient();
        var slowed = false;
        for (var i = 0; i < 200 && !slowed; i++)
        {
            using var guess = await guesser.GetFromAsync($"deelnemen/{JoinCodes.Create()}", nat);
            slowed = guess.StatusCode == HttpStatusCode.TooManyRequests;
        }

        Assert.True(slowed);
    }
}
