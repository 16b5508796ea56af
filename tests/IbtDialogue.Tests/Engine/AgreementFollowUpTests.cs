using IbtDialogue.Agreements;
using IbtDialogue.Components;
using IbtDialogue.Live;
using IbtDialogue.Persistence;
using IbtDialogue.Protocol;
using IbtDialogue.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace IbtDialogue.Tests.Engine;

/// <summary>
/// The follow-up of agreements: status changes with their history and who made them, refusals that store nothing,
/// the facilitator's overview of overdue and soon-due agreements, personal follow-up links, and no due date in
/// the past when an agreement is added. The harness's clock says 12 March 2026, 14:30 in the Netherlands.
/// </summary>
public class AgreementFollowUpTests : OpenRoomTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 12, 13, 30, 0, TimeSpan.Zero);

    /// <summary>The service on a clock of its own, so the test can move days ahead without running the app's timers.</summary>
    private (AgreementFollowUp FollowUp, FakeTimeProvider Clock) OwnClock()
    {
        var clock = new FakeTimeProvider(Start);
        return (ActivatorUtilities.CreateInstance<AgreementFollowUp>(h.Services, clock), clock);
    }

    private async Task<int> AddAsync(string what, string? who, DateOnly? due)
    {
        await h.Room.SetStageAsync(new SetStage(Guid.NewGuid(), dialogue, theme, Phase.Agreements), anna, Ct);
        var saved = await h.Agreements.SaveAgreementAsync(new SaveAgreement(Guid.NewGuid(), dialogue, null, theme, what, who, due), anna, Ct);
        Assert.True(saved.Result.Ok, saved.Result.Error);
        return saved.Result.EntityId!.Value;
    }

    private Task<int> ChangeCountAsync() => h.QueryAsync(db => db.AgreementStatusChanges.CountAsync(Ct));

    [Fact]
    public async Task A_due_date_before_today_in_Dutch_time_is_refused_when_adding_and_when_changing_the_date()
    {
        var before = await h.QueryAsync(db => db.Agreements.CountAsync(Ct));
        var refused = await h.Agreements.SaveAgreementAsync(new SaveAgreement(Guid.NewGuid(), dialogue, null, theme, "Beleid actualiseren", null, new DateOnly(2026, 3, 11)), anna, Ct);
        Assert.Equal(ErrorCodes.DueInPast, refused.Result.Error);
        Assert.Equal(before, await h.QueryAsync(db => db.Agreements.CountAsync(Ct)));

        var today = await AddAsync("Vandaag nog bellen", null, new DateOnly(2026, 3, 12)); // today is fine

        // An agreement whose date has passed (recorded earlier) may still be edited while its date stays.
        await h.QueryAsync(db => db.Agreements.Where(a => a.Id == today).ExecuteUpdateAsync(s => s.SetProperty(a => a.Due, new DateOnly(2026, 3, 1)), Ct));
        Assert.True((await h.Agreements.SaveAgreementAsync(new SaveAgreement(Guid.NewGuid(), dialogue, today, theme, "Vandaag nog bellen en mailen", null, new DateOnly(2026, 3, 1)), anna, Ct)).Result.Ok);
        Assert.Equal(ErrorCodes.DueInPast, (await h.Agreements.SaveAgreementAsync(new SaveAgreement(Guid.NewGuid(), dialogue, today, theme, "x", null, new DateOnly(2026, 3, 2)), anna, Ct)).Result.Error);
        Assert.Equal("Vandaag nog bellen en mailen", await h.QueryAsync(db => db.Agreements.Where(a => a.Id == today).Select(a => a.What).SingleAsync(Ct)));

        // Today is the Dutch date: at 23:30 UTC on 12 March it is already 13 March in the Netherlands.
        Assert.Equal(new DateOnly(2026, 3, 13), DutchTime.Today(new FakeTimeProvider(new DateTimeOffset(2026, 3, 12, 23, 30, 0, TimeSpan.Zero))));
    }

    [Fact]
    public async Task A_facilitator_changes_the_status_with_a_note_and_the_history_keeps_who_what_and_when()
    {
        var id = await AddAsync("Handhavingsbeleid actualiseren", "Gemeente Zwolle", new DateOnly(2026, 6, 1));
        Assert.Equal(AgreementStatus.Open, (await h.QueryAsync(db => db.Agreements.SingleAsync(a => a.Id == id, Ct))).Status);
        var (followUp, clock) = OwnClock();

        Assert.Empty(await followUp.ChangeAsync(dialogue, id, anna.UserId!, "InProgress", "  Eerste overleg gepland  ", Ct));
        clock.Advance(TimeSpan.FromDays(20));
        Assert.Empty(await followUp.ChangeAsync(dialogue, id, anna.UserId!, "Done", "Vastgesteld door het college", Ct));

        var view = (await followUp.DialogueAsync(dialogue, anna.UserId!, Ct))!;
        var agreement = Assert.Single(view.Agreements);
        Assert.Equal(AgreementStatus.Done, agreement.Status);
        Assert.Equal(
            [
                new FollowUpStep(AgreementStatus.Open, AgreementStatus.InProgress, "Eerste overleg gepland", "Anna", false, Start.UtcDateTime),
                new FollowUpStep(AgreementStatus.InProgress, AgreementStatus.Done, "Vastgesteld door het college", "Anna", false, Start.UtcDateTime.AddDays(20)),
            ],
            agreement.History);
    }

    [Fact]
    public async Task Unknown_statuses_empty_or_long_notes_and_other_facilitators_are_refused_and_store_nothing()
    {
        var id = await AddAsync("Handhavingsbeleid actualiseren", "Gemeente Zwolle", new DateOnly(2026, 6, 1));
        var followUp = h.Services.GetRequiredService<AgreementFollowUp>();
        var bert = await h.AddFacilitatorAsync("Bert");

        Assert.Equal([FollowUpError.StatusUnknown], await followUp.ChangeAsync(dialogue, id, anna.UserId!, "Finished", "Klaar", Ct));
        Assert.Equal([FollowUpError.StatusUnknown], await followUp.ChangeAsync(dialogue, id, anna.UserId!, "2", "Klaar", Ct));
        Assert.Equal([FollowUpError.StatusUnknown], await followUp.ChangeAsync(dialogue, id, anna.UserId!, "done", "Klaar", Ct));
        Assert.Equal([FollowUpError.NoteEmpty], await followUp.ChangeAsync(dialogue, id, anna.UserId!, "Done", " \u200B ", Ct));
        Assert.Equal([FollowUpError.NoteTooLong], await followUp.ChangeAsync(dialogue, id, anna.UserId!, "Done", new string('x', AgreementFollowUp.MaxNoteLength + 1), Ct));
        Assert.Equal([FollowUpError.StatusUnknown, FollowUpError.NoteEmpty], await followUp.ChangeAsync(dialogue, id, anna.UserId!, null, null, Ct));
        Assert.Equal([FollowUpError.NotFound], await followUp.ChangeAsync(dialogue, id, bert.UserId!, "Done", "Klaar", Ct));
        Assert.Equal([FollowUpError.NotFound], await followUp.ChangeAsync(dialogue + 1, id, anna.UserId!, "Done", "Klaar", Ct));
        Assert.Null(await followUp.DialogueAsync(dialogue, bert.UserId!, Ct));
        Assert.Null(await followUp.IssueLinkAsync(dialogue, id, bert.UserId!, Ct));

        Assert.Equal(0, await ChangeCountAsync());
        Assert.Equal(0, await h.QueryAsync(db => db.AgreementLinks.CountAsync(Ct)));
        Assert.Equal(AgreementStatus.Open, (await h.QueryAsync(db => db.Agreements.SingleAsync(a => a.Id == id, Ct))).Status);
        Assert.Empty(await followUp.ChangeAsync(dialogue, id, anna.UserId!, "Done", new string('x', AgreementFollowUp.MaxNoteLength), Ct));
    }

    [Fact]
    public async Task The_overview_lists_open_agreements_past_their_date_and_those_due_in_the_next_thirty_days()
    {
        var overdue = await AddAsync("Beleid actualiseren", "Gemeente Zwolle", new DateOnly(2026, 3, 15));
        var soon = await AddAsync("Termijnen afstemmen", "GGD", new DateOnly(2026, 4, 16));
        await AddAsync("Evalueren", "Gemeente Assen", new DateOnly(2026, 4, 17)); // 31 days after 17 March: not yet
        await AddAsync("Zonder datum", null, null);
        var done = await AddAsync("Al gedaan", null, new DateOnly(2026, 3, 14));
        var inProgress = await AddAsync("Bezig", null, new DateOnly(2026, 3, 17)); // due today: soon, not overdue
        var (followUp, clock) = OwnClock();
        Assert.Empty(await followUp.ChangeAsync(dialogue, done, anna.UserId!, "Done", "Klaar", Ct));
        Assert.Empty(await followUp.ChangeAsync(dialogue, inProgress, anna.UserId!, "InProgress", "Gestart", Ct));
        var bert = await h.AddFacilitatorAsync("Bert");
        var carla = await h.AddFacilitatorAsync("Carla");
        await h.QueryAsync(db =>
        {
            db.DialogueFacilitators.Add(new IbtDialogue.Dialogues.DialogueFacilitator { DialogueId = dialogue, UserId = bert.UserId! }); // a co-facilitator
            return db.SaveChangesAsync(Ct);
        });

        clock.Advance(TimeSpan.FromDays(5)); // 17 March
        var overview = await followUp.OverviewAsync(anna.UserId!, Ct);

        Assert.Equal(new DateOnly(2026, 3, 17), overview.Today);
        Assert.Equal([overdue], overview.Overdue.Select(a => a.AgreementId));
        Assert.Equal([inProgress, soon], overview.DueSoon.Select(a => a.AgreementId));
        Assert.All(overview.Overdue.Concat(overview.DueSoon), a => Assert.Equal(dialogue, a.DialogueId));
        var bertSees = await followUp.OverviewAsync(bert.UserId!, Ct);
        Assert.Equal(overview.Overdue, bertSees.Overdue);
        Assert.Equal(overview.DueSoon, bertSees.DueSoon);
        Assert.Empty((await followUp.OverviewAsync(carla.UserId!, Ct)).DueSoon);
    }

    [Fact]
    public async Task A_follow_up_link_opens_its_one_agreement_until_it_expires_and_refuses_unknown_expired_and_other_agreements()
    {
        var id = await AddAsync("Handhavingsbeleid actualiseren", "Gemeente Zwolle", new DateOnly(2026, 6, 1));
        var other = await AddAsync("Termijnen afstemmen", "GGD", new DateOnly(2026, 6, 1));
        var (followUp, clock) = OwnClock();

        var link = (await followUp.IssueLinkAsync(dialogue, id, anna.UserId!, Ct))!;
        Assert.Equal(Start.UtcDateTime + AgreementFollowUp.LinkValidity, link.ExpiresAt);
        Assert.Equal(0, await h.QueryAsync(db => db.AgreementLinks.CountAsync(l => l.TokenHash == link.Secret, Ct))); // only its hash is kept

        var (opened, problem) = await followUp.OpenLinkAsync(link.Secret, Ct);
        Assert.Null(problem);
        Assert.Equal((id, "Handhavingsbeleid actualiseren", "Gemeente Zwolle", "Kinderopvang"), (opened!.Id, opened.What, opened.Who, opened.DialogueTitle));

        Assert.Empty(await followUp.ChangeByLinkAsync(link.Secret, id, "Jan Smit", "InProgress", "Concept ligt bij de wethouder", Ct));
        var step = Assert.Single((await followUp.OpenLinkAsync(link.Secret, Ct)).Agreement!.History);
        Assert.Equal(new FollowUpStep(AgreementStatus.Open, AgreementStatus.InProgress, "Concept ligt bij de wethouder", "Jan Smit", true, Start.UtcDateTime), step);

        // Refusals: each changes nothing.
        Assert.Equal([FollowUpError.LinkOtherAgreement], await followUp.ChangeByLinkAsync(link.Secret, other, "Jan Smit", "Done", "Klaar", Ct));
        Assert.Equal([FollowUpError.LinkUnknown], await followUp.ChangeByLinkAsync("niet-een-link", id, "Jan Smit", "Done", "Klaar", Ct));
        Assert.Equal([FollowUpError.NameEmpty], await followUp.ChangeByLinkAsync(link.Secret, id, " ", "Done", "Klaar", Ct));
        Assert.Equal([FollowUpError.NameTooLong], await followUp.ChangeByLinkAsync(link.Secret, id, new string('J', 61), "Done", "Klaar", Ct));
        Assert.Equal([FollowUpError.StatusUnknown], await followUp.ChangeByLinkAsync(link.Secret, id, "Jan Smit", "Klaar", "Klaar", Ct));
        Assert.Equal(FollowUpError.LinkUnknown, (await followUp.OpenLinkAsync(null, Ct)).Problem);

        clock.Advance(AgreementFollowUp.LinkValidity);
        Assert.Equal(FollowUpError.LinkExpired, (await followUp.OpenLinkAsync(link.Secret, Ct)).Problem);
        Assert.Equal([FollowUpError.LinkExpired], await followUp.ChangeByLinkAsync(link.Secret, id, "Jan Smit", "Done", "Klaar", Ct));
        Assert.Equal(1, await ChangeCountAsync());
        Assert.Equal(AgreementStatus.InProgress, (await h.QueryAsync(db => db.Agreements.SingleAsync(a => a.Id == id, Ct))).Status);
    }

    [Fact]
    public async Task A_new_link_for_an_agreement_revokes_the_older_one()
    {
        var id = await AddAsync("Handhavingsbeleid actualiseren", "Gemeente Zwolle", new DateOnly(2026, 6, 1));
        var followUp = h.Services.GetRequiredService<AgreementFollowUp>();
        var first = (await followUp.IssueLinkAsync(dialogue, id, anna.UserId!, Ct))!;
        var second = (await followUp.IssueLinkAsync(dialogue, id, anna.UserId!, Ct))!;

        Assert.NotNull((await followUp.OpenLinkAsync(second.Secret, Ct)).Agreement);
        Assert.NotNull((await followUp.OpenLinkAsync(first.Secret, Ct)).Problem);
        Assert.Equal(second.ExpiresAt, Assert.Single((await followUp.DialogueAsync(dialogue, anna.UserId!, Ct))!.Agreements).LinkExpiresAt);
    }
}

/// <summary>The same tests on PostgreSQL (a database of their own on the test server, see <see cref="TestPostgres"/>).</summary>
public sealed class AgreementFollowUpTestsOnPostgres : AgreementFollowUpTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;
}
