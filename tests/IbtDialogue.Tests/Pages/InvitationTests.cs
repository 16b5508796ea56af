using System.Net;
using IbtDialogue.Dialogues;
using IbtDialogue.Live;
using IbtDialogue.Participants;
using IbtDialogue.Protocol;
using IbtDialogue.Room;
using IbtDialogue.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IbtDialogue.Tests.Pages;

/// <summary>The organisations invited to a dialogue, and afterwards who of them took part.</summary>
public sealed class InvitationTests(AppHost app) : IClassFixture<AppHost>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private InvitationService Invitations => app.Services.GetRequiredService<InvitationService>();

    private async Task<(int Dialogue, string Code, string Owner, HttpClient Browser)> DialogueAsync()
    {
        var email = $"{Guid.NewGuid():N}@owinsp.example";
        var owner = await app.CreateFacilitatorAsync(email, "Anna");
        var (dialogue, code) = await app.CreateDialogueAsync(owner, "Handhaving");
        return (dialogue, code, owner, app.CreateBrowserClient(await app.LoginAsync(email)));
    }

    [Fact]
    public async Task Invited_organisations_are_checked_against_the_lists_and_attendance_is_counted_per_organisation()
    {
        var (dialogue, code, owner, _) = await DialogueAsync();

        Assert.Equal((true, (InvitationError?)null), await Invitations.AddAsync(dialogue, owner, OrganisationType.Municipality, "zwolle", Ct));
        Assert.Equal((true, (InvitationError?)null), await Invitations.AddAsync(dialogue, owner, OrganisationType.Ggd, "ggd ijsselland", Ct));
        Assert.Equal((true, (InvitationError?)null), await Invitations.AddAsync(dialogue, owner, OrganisationType.ChildcareOrganisation, "Kinderopvang De Vlinder", Ct));
        Assert.Equal((true, (InvitationError?)null), await Invitations.AddAsync(dialogue, owner, OrganisationType.Municipality, "Kampen", Ct));

        // Bad input: refused, nothing stored.
        Assert.Equal(InvitationError.UnknownMunicipality, (await Invitations.AddAsync(dialogue, owner, OrganisationType.Municipality, "Atlantis", Ct)).Error);
        Assert.Equal(InvitationError.UnknownGgdRegion, (await Invitations.AddAsync(dialogue, owner, OrganisationType.Ggd, "GGD Atlantis", Ct)).Error);
        Assert.Equal(InvitationError.UnknownKind, (await Invitations.AddAsync(dialogue, owner, OrganisationType.Inspectorate, "Inspectie van het Onderwijs", Ct)).Error);
        Assert.Equal(InvitationError.UnknownKind, (await Invitations.AddAsync(dialogue, owner, (OrganisationType)42, "Iets", Ct)).Error);
        Assert.Equal(InvitationError.AlreadyInvited, (await Invitations.AddAsync(dialogue, owner, OrganisationType.Municipality, "ZWOLLE", Ct)).Error);
        Assert.Equal(InvitationError.NameEmpty, (await Invitations.AddAsync(dialogue, owner, OrganisationType.Other, "  ", Ct)).Error);
        Assert.Equal(4, await app.QueryAsync(db => db.InvitedOrganisations.CountAsync(i => i.DialogueId == dialogue, Ct)));

        // Someone else's dialogue: not found, nothing stored.
        var (_, _, other, _) = await DialogueAsync();
        Assert.False((await Invitations.AddAsync(dialogue, other, OrganisationType.Municipality, "Deventer", Ct)).Found);

        var engine = app.Services.GetRequiredService<RoomEngine>();
        await engine.OpenAsync(new DialogueCommand(Guid.NewGuid(), dialogue), new Actor(owner, null, null), Ct);
        await app.JoinAsync(code, "Piet", "Zwolle");
        await app.JoinAsync(code, "Marieke", "Zwolle");
        await app.JoinAsync(code, "Fatima", "GGD IJsselland");
        await app.JoinAsync(code, "Kees", "Deventer");

        var list = (await Invitations.ListAsync(dialogue, owner, Ct))!;
        Assert.Equal(
            [("Kampen", 0), ("Zwolle", 2), ("GGD IJsselland", 1), ("Kinderopvang De Vlinder", 0)],
            list.Invited.Select(i => (i.Name, i.Participants)));
        Assert.Equal(1, list.ParticipantsNotInvited); // Deventer came without an invitation.
        Assert.Null(await Invitations.ListAsync(dialogue, other, Ct));

        // Closed: who was invited is part of the record.
        await engine.CloseAsync(new DialogueCommand(Guid.NewGuid(), dialogue), new Actor(owner, null, null), Ct);
        Assert.Equal(InvitationError.Closed, (await Invitations.AddAsync(dialogue, owner, OrganisationType.Municipality, "Deventer", Ct)).Error);
        Assert.False(await Invitations.RemoveAsync(dialogue, owner, list.Invited[0].Id, Ct));
        Assert.Equal(4, await app.QueryAsync(db => db.InvitedOrganisations.CountAsync(i => i.DialogueId == dialogue, Ct)));
    }

    [Fact]
    public async Task The_page_invites_and_says_in_Dutch_what_is_wrong()
    {
        var (dialogue, _, _, browser) = await DialogueAsync();
        async Task<HttpResponseMessage> InviteAsync(string kind, string name)
        {
            var fields = AppHost.FormFields(await browser.GetStringAsync($"dialogen/{dialogue}/uitgenodigd", Ct), "invite");
            fields["Input.Kind"] = kind;
            fields["Input.Name"] = name;
            return await browser.PostAsync($"dialogen/{dialogue}/uitgenodigd", new FormUrlEncodedContent(fields), Ct);
        }

        using (var invited = await InviteAsync("Municipality", "Zwolle"))
        {
            Assert.Equal(HttpStatusCode.Redirect, invited.StatusCode);
        }

        Assert.Contains("<th scope=\"row\" class=\"utrecht-table__header-cell\">Zwolle</th>", await browser.GetStringAsync($"dialogen/{dialogue}/uitgenodigd", Ct), StringComparison.Ordinal);
        using var refused = await InviteAsync("Municipality", "Atlantis");
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("Deze gemeente staat niet in de lijst van gemeenten van 2025.", await refused.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(1, await app.QueryAsync(db => db.InvitedOrganisations.CountAsync(i => i.DialogueId == dialogue, Ct)));
    }
}
