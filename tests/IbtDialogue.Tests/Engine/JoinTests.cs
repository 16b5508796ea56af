using IbtDialogue.Persistence;
using IbtDialogue.Protocol;
using IbtDialogue.Participants;
using IbtDialogue.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace IbtDialogue.Tests.Engine;

public class JoinTests : HarnessTests
{
    [Fact]
    public void The_seed_list_holds_the_342_municipalities_of_2025()
    {
        Assert.Equal(342, Municipalities.All.Count);
        Assert.Equal(342, Municipalities.All.Distinct().Count());
        Assert.Equal("Aa en Hunze", Municipalities.All[0]);
        Assert.Equal("Zwolle", Municipalities.All[^1]);
        Assert.True(Municipalities.Contains("'s-Hertogenbosch"));
    }

    [Theory]
    [InlineData("Zwolle", "Zwolle")]
    [InlineData("  zwolle ", "Zwolle")]
    [InlineData("SUDWEST FRYSLAN", "Súdwest-Fryslân")]
    [InlineData("noardeast-fryslân", "Noardeast-Fryslân")]
    [InlineData("s-Hertogenbosch", "'s-Hertogenbosch")]
    [InlineData("’s-Gravenhage", "'s-Gravenhage")]
    [InlineData("Den Haag", "'s-Gravenhage")]
    [InlineData("den bosch", "'s-Hertogenbosch")]
    [InlineData("Bergen  op Zoom", "Bergen op Zoom")]
    [InlineData("Zwole", null)]
    [InlineData("Atlantis", null)]
    [InlineData("", null)]
    public void A_typed_municipality_is_found_whatever_its_case_accents_apostrophes_or_hyphens(string typed, string? official)
    {
        Assert.Equal(official, Municipalities.Find(typed));
    }

    [Fact]
    public void An_unknown_municipality_gets_suggestions_of_what_may_have_been_meant()
    {
        Assert.Equal(["Zwolle"], Municipalities.Suggest("Zwole"));
        Assert.Equal(["Súdwest-Fryslân"], Municipalities.Suggest("sudwest"));
        Assert.Contains("Hengelo", Municipalities.Suggest("Hengel"));
        Assert.Empty(Municipalities.Suggest("Atlantis"));
        Assert.Empty(Municipalities.Suggest("x"));
    }

    [Fact]
    public async Task A_municipality_typed_loosely_is_stored_as_the_list_spells_it()
    {
        var anna = await h.AddFacilitatorAsync("Anna");
        var dialogue = await h.CreateOpenDialogueAsync(anna);

        var result = await h.Joining.JoinAsync(new JoinRequest(await CodeAsync(dialogue), "Piet", "sudwest fryslan", null), Ct);

        Assert.True(result.Ok, string.Join(", ", result.Errors));
        var stored = await h.QueryAsync(db => db.Participants.SingleAsync());
        Assert.Equal("Súdwest-Fryslân", stored.Organisation);
        Assert.True(stored.IsMunicipality);
    }

    private async Task<string> CodeAsync(int dialogue) =>
        await h.QueryAsync(db => db.Dialogues.Where(d => d.Id == dialogue).Select(d => d.JoinCode).SingleAsync());

    [Fact]
    public async Task Joining_an_open_dialogue_stores_name_and_municipality_and_answers_a_token()
    {
        var anna = await h.AddFacilitatorAsync("Anna");
        var dialogue = await h.CreateOpenDialogueAsync(anna);
        var code = await CodeAsync(dialogue);

        var typedCode = $" {code[..3].ToLowerInvariant()}-{code[3..]} ";
        var result = await h.Joining.JoinAsync(new JoinRequest(typedCode, "  Piet   Jansen ", "Aalten", "ignored"), Ct);

        Assert.True(result.Ok);
        Assert.False(string.IsNullOrEmpty(result.Token));
        var stored = await h.QueryAsync(db => db.Participants.SingleAsync());
        Assert.Equal("Piet Jansen", stored.DisplayName);
        Assert.Equal("Aalten", stored.Organisation);
        Assert.True(stored.IsMunicipality);
        Assert.NotEqual(result.Token, stored.TokenHash);
        Assert.Equal(ParticipantTokens.Hash(result.Token!), stored.TokenHash);
        Assert.True(await h.Joining.IsParticipantAsync(dialogue, result.Token, Ct));
    }

    [Fact]
    public async Task Another_organisation_can_be_typed()
    {
        var anna = await h.AddFacilitatorAsync("Anna");
        var dialogue = await h.CreateOpenDialogueAsync(anna);
        var result = await h.Joining.JoinAsync(new JoinRequest(await CodeAsync(dialogue), "Fatima", "", "GGD Drenthe"), Ct);

        Assert.True(result.Ok);
        var stored = await h.QueryAsync(db => db.Participants.SingleAsync());
        Assert.Equal("GGD Drenthe", stored.Organisation);
        Assert.False(stored.IsMunicipality);
    }

    [Fact]
    public async Task Wrong_and_closed_codes_are_refused_alike_without_telling_about_the_dialogue()
    {
        var anna = await h.AddFacilitatorAsync("Anna");
        var closed = await h.CreateOpenDialogueAsync(anna);
        await h.Room.CloseAsync(new DialogueCommand(Guid.NewGuid(), closed), anna, Ct);

        var wrong = await h.Joining.JoinAsync(new JoinRequest("ZZZ-ZZZ", "Piet", "Zwolle", null), Ct);
        var garbage = await h.Joining.JoinAsync(new JoinRequest("<script>", "Piet", "Zwolle", null), Ct);
        var late = await h.Joining.JoinAsync(new JoinRequest(await CodeAsync(closed), "Piet", "Zwolle", null), Ct);

        Assert.All([wrong, garbage, late], result =>
        {
            Assert.Equal([JoinError.CodeNotAccepted], result.Errors);
            Assert.Null(result.Dialogue);
        });
        Assert.Equal(0, await h.QueryAsync(db => db.Participants.CountAsync()));
    }

    [Fact]
    public async Task A_dialogue_not_yet_opened_can_be_joined_to_wait_in_its_lobby()
    {
        var anna = await h.AddFacilitatorAsync("Anna");
        var draft = await h.CreateDialogueAsync(anna);

        var early = await h.Joining.JoinAsync(new JoinRequest(await CodeAsync(draft), "Piet", "Zwolle", null), Ct);

        Assert.Empty(early.Errors);
        Assert.NotNull(early.Token);
        Assert.Equal(DialogueStatus.Draft, early.Dialogue!.Status);
        Assert.Equal(1, await h.QueryAsync(db => db.Participants.CountAsync(p => p.DialogueId == draft)));
    }

    [Theory]
    [InlineData("", "Zwolle", null, JoinError.NameEmpty)]
    [InlineData("   ", "Zwolle", null, JoinError.NameEmpty)]
    [InlineData("Een naam die veel te lang is omdat iemand zijn hele cv erin zet, met titels", "Zwolle", null, JoinError.NameTooLong)]
    [InlineData("Piet", "", "", JoinError.OrganisationMissing)]
    [InlineData("Piet", "", "   ", JoinError.OrganisationMissing)]
    [InlineData("Piet", "Atlantis", null, JoinError.UnknownMunicipality)]
    public async Task Bad_names_and_organisations_are_refused_and_store_nothing(string name, string municipality, string? other, JoinError expected)
    {
        var anna = await h.AddFacilitatorAsync("Anna");
        var dialogue = await h.CreateOpenDialogueAsync(anna);

        var result = await h.Joining.JoinAsync(new JoinRequest(await CodeAsync(dialogue), name, municipality, other), Ct);

        Assert.Equal([expected], result.Errors);
        Assert.Null(result.Token);
        Assert.Equal(0, await h.QueryAsync(db => db.Participants.CountAsync()));
    }

    [Fact]
    public async Task An_organisation_name_that_is_too_long_is_refused()
    {
        var anna = await h.AddFacilitatorAsync("Anna");
        var dialogue = await h.CreateOpenDialogueAsync(anna);
        var result = await h.Joining.JoinAsync(new JoinRequest(await CodeAsync(dialogue), "Piet", "", new string('o', HubContract.MaxOrganisationLength + 1)), Ct);
        Assert.Equal([JoinError.OrganisationTooLong], result.Errors);
    }
}

/// <summary>The same tests on PostgreSQL (a database of their own on the test server, see <see cref="TestPostgres"/>).</summary>
public sealed class JoinTestsOnPostgres : JoinTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;
}
