using IbtDialogue.Agreements;
using IbtDialogue.Dialogues;
using IbtDialogue.Live;
using IbtDialogue.Minutes;
using IbtDialogue.Persistence;
using IbtDialogue.Privacy;
using IbtDialogue.Protocol;
using IbtDialogue.Series;
using IbtDialogue.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IbtDialogue.Tests.Engine;

/// <summary>
/// Series over the years: the next dialogue prepared from the latest one with its agenda and invited organisations,
/// the agreements still open carried into a "Terugblik" that the room and the minutes show as they stand now, the
/// series page with every agreement, and what is refused (a series of another domain among it) with nothing stored.
/// The harness's clock says 12 March 2026.
/// </summary>
public class SeriesTests : OpenRoomTests
{
    private SeriesService Series => h.Services.GetRequiredService<SeriesService>();

    private AgreementFollowUp FollowUp => h.Services.GetRequiredService<AgreementFollowUp>();

    private async Task<int> AgreeAsync(string what, string? who, DateOnly? due)
    {
        await h.Room.SetStageAsync(new SetStage(Guid.NewGuid(), dialogue, theme, Phase.Agreements), anna, Ct);
        var saved = await h.Agreements.SaveAgreementAsync(new SaveAgreement(Guid.NewGuid(), dialogue, null, theme, what, who, due), anna, Ct);
        Assert.True(saved.Result.Ok, saved.Result.Error);
        return saved.Result.EntityId!.Value;
    }

    private async Task LeaDomainAsync(int dialogueId) =>
        await h.QueryAsync(db => db.Dialogues.Where(d => d.Id == dialogueId).ExecuteUpdateAsync(s => s.SetProperty(d => d.Domain, Domain.LeaConsultation), Ct));

    private async Task<int> NewSeriesAsync(string name = "LEA-overleg regio Twente", string domain = "LeaConsultation", string? region = "GGD Twente")
    {
        var (id, errors) = await Series.CreateAsync(anna.UserId!, name, domain, region, Ct);
        Assert.Empty(errors);
        return id!.Value;
    }

    private Task<(int? Id, IReadOnlyList<SeriesError> Errors)> PrepareAsync(int series, Actor by, string? title, DateOnly? date) =>
        Series.PrepareNextAsync(series, by.UserId!, title, date, "Terugblik", "Wat is er terechtgekomen van de afspraken van vorige keer?", Ct);

    [Fact]
    public async Task The_next_dialogue_starts_from_the_last_one_and_looks_back_on_the_agreements_still_open()
    {
        await LeaDomainAsync(dialogue);
        var open = await AgreeAsync("Handhavingsbeleid actualiseren", "Gemeente Enschede", new DateOnly(2026, 6, 1));
        var busy = await AgreeAsync("Inspectierapporten samen lezen", "GGD Twente", new DateOnly(2026, 9, 1));
        var done = await AgreeAsync("Termijnen afstemmen", "Gemeente Almelo", null);
        var dropped = await AgreeAsync("Gezamenlijke website", null, null);
        Assert.Empty(await FollowUp.ChangeAsync(dialogue, busy, anna.UserId!, "InProgress", "Eerste sessie gepland", Ct));
        Assert.Empty(await FollowUp.ChangeAsync(dialogue, done, anna.UserId!, "Done", "Afgestemd", Ct));
        Assert.Empty(await FollowUp.ChangeAsync(dialogue, dropped, anna.UserId!, "Dropped", "Geen budget", Ct));
        var invitations = h.Services.GetRequiredService<InvitationService>();
        Assert.Null((await invitations.AddAsync(dialogue, anna.UserId!, Participants.OrganisationType.Municipality, "enschede", Ct)).Error);
        Assert.Null((await invitations.AddAsync(dialogue, anna.UserId!, Participants.OrganisationType.Ggd, "GGD Twente", Ct)).Error);
        Assert.True((await h.Room.CloseAsync(new DialogueCommand(Guid.NewGuid(), dialogue), anna, Ct)).Result.Ok);

        var series = await NewSeriesAsync();
        Assert.Equal([], await Series.AssignAsync(dialogue, anna.UserId!, series, Ct)); // a closed dialogue may join its series
        var bert = await h.AddFacilitatorAsync("Bert"); // next year's inspector, who did not run last year's dialogue
        var (next, errors) = await PrepareAsync(series, bert, "  LEA-overleg regio Twente 2027 ", new DateOnly(2027, 3, 11));
        Assert.Empty(errors);

        var made = await h.QueryAsync(db => db.Dialogues.AsNoTracking().Include(d => d.Themes).Include(d => d.Facilitators).SingleAsync(d => d.Id == next, Ct));
        Assert.Equal(
            ("LEA-overleg regio Twente 2027", new DateOnly(2027, 3, 11), 2027, DialogueStatus.Draft, Domain.LeaConsultation, (int?)series, "GGD Twente"),
            (made.Title, made.Date, made.Year, made.Status, made.Domain, made.SeriesId, made.Region));
        Assert.Equal(
            [("Terugblik", true), ("Handhaving", false), ("LRK op orde", false)],
            made.Themes.OrderBy(t => t.Position).Select(t => (t.Title, t.IsLookBack)));
        Assert.Equal([1, 2, 3], made.Themes.Select(t => t.Position).Order());
        Assert.Equal((bert.UserId, true), (Assert.Single(made.Facilitators).UserId, made.Facilitators[0].IsOwner));
        Assert.Equal(
            ["Enschede", "GGD Twente"],
            await h.QueryAsync(db => db.InvitedOrganisations.Where(i => i.DialogueId == next).Select(i => i.Name).OrderBy(n => n).ToListAsync(Ct)));
        Assert.Equal([open, busy], await h.QueryAsync(db => db.CarriedAgreements.Where(c => c.DialogueId == next).OrderBy(c => c.Position).Select(c => c.AgreementId).ToListAsync(Ct)));

        // The room shows the look-back as the agreements stand now: a change made after preparing shows.
        Assert.Empty(await FollowUp.ChangeAsync(dialogue, open, anna.UserId!, "Done", "Vastgesteld door het college", Ct));
        var bertInRoom = new Actor(bert.UserId, null, null);
        var snapshot = (await h.Room.SnapshotAsync(next!.Value, bertInRoom, null, Ct)).Snapshot!;
        Assert.True(snapshot.Themes[0].LookBack);
        Assert.False(snapshot.Themes[1].LookBack);
        Assert.Equal(
            [
                new LookBackItem(open, "Handhavingsbeleid actualiseren", "Gemeente Enschede", new DateOnly(2026, 6, 1), AgreementStatus.Done, "Kinderopvang", new DateOnly(2026, 3, 12)),
                new LookBackItem(busy, "Inspectierapporten samen lezen", "GGD Twente", new DateOnly(2026, 9, 1), AgreementStatus.InProgress, "Kinderopvang", new DateOnly(2026, 3, 12)),
            ],
            snapshot.LookBack);
        var participant = await h.JoinAsync(next.Value, "Els", "Enschede"); // the lobby shows it to participants too
        Assert.Equal(2, (await h.Room.SnapshotAsync(next.Value, participant, null, Ct)).Snapshot!.LookBack!.Count);

        // The minutes of the new dialogue carry the look-back with each agreement's status.
        var minutes = await h.QueryAsync(async db =>
            h.Composer.Compose(await MinutesRecord.LoadAsync(db, await db.Dialogues.SingleAsync(d => d.Id == next, Ct), Ct)));
        Assert.Contains("## 1. Terugblik", minutes, StringComparison.Ordinal);
        Assert.Contains("### Terugblik: afspraken van vorige keer", minutes, StringComparison.Ordinal);
        Assert.Contains("| Handhavingsbeleid actualiseren | Gemeente Enschede | 1 juni 2026 | gedaan | Kinderopvang (12 maart 2026) |", minutes, StringComparison.Ordinal);
        Assert.Contains("| Inspectierapporten samen lezen | GGD Twente | 1 september 2026 | bezig | Kinderopvang (12 maart 2026) |", minutes, StringComparison.Ordinal);
        Assert.DoesNotContain("Termijnen afstemmen", minutes, StringComparison.Ordinal);

        // The dossier keeps the series, the invited organisations and the look-back, and fits its schema.
        var record = (await h.Services.GetRequiredService<PrivacyExports>().DialogueRecordAsync(next.Value, IbtDialogue.Accounts.RecordReader.Facilitator(bert.UserId!), administrator: false, Ct))!;
        ExportSchemas.AssertValid(ExportSchemas.Record, System.Text.Encoding.UTF8.GetString(PrivacyExports.ToJson(record)));
        Assert.Equal((2, "LEA-overleg regio Twente"), (record.FormatVersion, record.Dialogue.Series));
        Assert.Equal(
            [new RecordInvitation("Enschede", Participants.OrganisationType.Municipality), new RecordInvitation("GGD Twente", Participants.OrganisationType.Ggd)],
            record.Invited);
        Assert.Equal([(open, AgreementStatus.Done), (busy, AgreementStatus.InProgress)], record.LookBack.Select(l => (l.AgreementId, l.Status)));
        Assert.Equal([true, false, false], record.Themes.Select(t => t.LookBack));
        var earlier = (await h.Services.GetRequiredService<PrivacyExports>().DialogueRecordAsync(dialogue, IbtDialogue.Accounts.RecordReader.Facilitator(anna.UserId!), administrator: false, Ct))!;
        Assert.Equal(2, earlier.Invited.Count);
        Assert.Empty(earlier.LookBack);

        // The year after: prepared from 2027's dialogue, one look-back again (not two), with what is still unfinished.
        var (third, thirdErrors) = await PrepareAsync(series, bert, "LEA-overleg regio Twente 2028", new DateOnly(2028, 3, 9));
        Assert.Empty(thirdErrors);
        Assert.Equal(
            ["Terugblik", "Handhaving", "LRK op orde"],
            await h.QueryAsync(db => db.Themes.Where(t => t.DialogueId == third).OrderBy(t => t.Position).Select(t => t.Title).ToListAsync(Ct)));
        Assert.Equal([busy], await h.QueryAsync(db => db.CarriedAgreements.Where(c => c.DialogueId == third).Select(c => c.AgreementId).ToListAsync(Ct)));

        // After 2027's dialogue, its participant's personal link shows the look-back too, as it stands then.
        Assert.True((await h.Room.CloseAsync(new DialogueCommand(Guid.NewGuid(), next.Value), bertInRoom, Ct)).Result.Ok);
        var link = h.Services.GetRequiredService<Participants.ReviewLinks>().Make(next.Value, participant.ParticipantId!.Value);
        var review = (await h.Services.GetRequiredService<Participants.DialogueReview>().FindAsync(link, Ct))!;
        Assert.Equal([(open, AgreementStatus.Done), (busy, AgreementStatus.InProgress)], review.Themes[0].LookBack.Select(l => (l.AgreementId, l.Status)));
        Assert.Empty(review.Themes[1].LookBack);
    }

    [Fact]
    public async Task The_series_page_lists_every_agreement_with_its_status_what_is_overdue_and_where_it_was_looked_back_on()
    {
        await LeaDomainAsync(dialogue);
        var late = await AgreeAsync("Beleid actualiseren", "Gemeente Enschede", new DateOnly(2026, 3, 20));
        var doneLate = await AgreeAsync("Termijnen afstemmen", null, new DateOnly(2026, 3, 20));
        Assert.Empty(await FollowUp.ChangeAsync(dialogue, doneLate, anna.UserId!, "Done", "Klaar", Ct));
        await h.QueryAsync(db => db.Agreements.Where(a => a.DialogueId == dialogue).ExecuteUpdateAsync(s => s.SetProperty(a => a.Due, new DateOnly(2026, 3, 1)), Ct));
        var series = await NewSeriesAsync();
        Assert.Equal([], await Series.AssignAsync(dialogue, anna.UserId!, series, Ct));
        var (next, _) = await PrepareAsync(series, anna, "LEA-overleg regio Twente 2027", new DateOnly(2027, 3, 11));

        var view = (await Series.FindAsync(series, anna.UserId!, Ct))!;

        Assert.Equal(
            [(dialogue, "Kinderopvang", DialogueStatus.Open, true), (next!.Value, "LEA-overleg regio Twente 2027", DialogueStatus.Draft, true)],
            view.Dialogues.Select(d => (d.Id, d.Title, d.Status, d.Mine)));
        Assert.Equal(
            [
                (late, AgreementStatus.Open, true, (IReadOnlyList<string>)["LEA-overleg regio Twente 2027"]),
                (doneLate, AgreementStatus.Done, false, (IReadOnlyList<string>)[]),
            ],
            view.Agreements.Select(a => (a.Id, a.Status, a.Overdue, a.CarriedInto)).ToList(),
            new TupleComparer());
        Assert.Equal(("LEA-overleg regio Twente 2028", new DateOnly(2028, 3, 11)), (view.NextTitle, view.NextDate));

        // Another facilitator sees the series too, but not as theirs.
        var bert = await h.AddFacilitatorAsync("Bert");
        Assert.All((await Series.FindAsync(series, bert.UserId!, Ct))!.Dialogues, d => Assert.False(d.Mine));
        Assert.Equal(
            [new SeriesLine(series, "LEA-overleg regio Twente", Domain.LeaConsultation, "GGD Twente", 2, new DateOnly(2027, 3, 11))],
            await Series.ListAsync(Ct));
        Assert.Null(await Series.FindAsync(series + 1, anna.UserId!, Ct));
    }

    [Fact]
    public async Task Bad_series_names_domains_regions_and_a_series_of_another_domain_are_refused_and_store_nothing()
    {
        var series = await NewSeriesAsync();
        Assert.Equal([SeriesError.NameEmpty], (await Series.CreateAsync(anna.UserId!, " \u200B ", "LeaConsultation", null, Ct)).Errors);
        Assert.Equal([SeriesError.NameTooLong], (await Series.CreateAsync(anna.UserId!, new string('x', SeriesService.MaxNameLength + 1), "LeaConsultation", null, Ct)).Errors);
        Assert.Equal([SeriesError.NameTaken], (await Series.CreateAsync(anna.UserId!, "lea-overleg REGIO twente", "LeaConsultation", null, Ct)).Errors);
        Assert.Equal([SeriesError.UnknownDomain], (await Series.CreateAsync(anna.UserId!, "Andere reeks", "Lea", null, Ct)).Errors);
        Assert.Equal([SeriesError.UnknownDomain], (await Series.CreateAsync(anna.UserId!, "Andere reeks", "1", null, Ct)).Errors);
        Assert.Equal([SeriesError.UnknownDomain], (await Series.CreateAsync(anna.UserId!, "Andere reeks", null, null, Ct)).Errors);
        Assert.Equal([SeriesError.UnknownRegion], (await Series.CreateAsync(anna.UserId!, "Andere reeks", "Other", "GGD Nergens", Ct)).Errors);
        Assert.Equal(1, await h.QueryAsync(db => db.Series.CountAsync(Ct)));

        // The room's dialogue is of the domain "overig"; the series is LEA: refused, the dialogue stays out of it.
        Assert.Equal([SeriesError.OtherDomain], await Series.AssignAsync(dialogue, anna.UserId!, series, Ct));
        Assert.Equal([SeriesError.UnknownSeries], await Series.AssignAsync(dialogue, anna.UserId!, series + 1, Ct));
        var bert = await h.AddFacilitatorAsync("Bert");
        Assert.Null(await Series.AssignAsync(dialogue, bert.UserId!, series, Ct)); // not Bert's dialogue
        Assert.Null(await h.QueryAsync(db => db.Dialogues.Where(d => d.Id == dialogue).Select(d => d.SeriesId).SingleAsync(Ct)));

        // Nothing to start from, no title, no date, no such series: no dialogue is made.
        var dialogues = await h.QueryAsync(db => db.Dialogues.CountAsync(Ct));
        Assert.Equal([SeriesError.NoEarlierDialogue], (await PrepareAsync(series, anna, "LEA 2027", new DateOnly(2027, 3, 11))).Errors);
        Assert.Equal([SeriesError.TitleEmpty, SeriesError.DateMissing, SeriesError.NoEarlierDialogue], (await PrepareAsync(series, anna, " ", null)).Errors);
        Assert.Equal([SeriesError.UnknownSeries], (await PrepareAsync(series + 1, anna, "LEA 2027", new DateOnly(2027, 3, 11))).Errors);
        Assert.Equal(dialogues, await h.QueryAsync(db => db.Dialogues.CountAsync(Ct)));

        // In the right domain it joins, and it can be taken out again.
        await LeaDomainAsync(dialogue);
        Assert.Equal([], await Series.AssignAsync(dialogue, anna.UserId!, series, Ct));
        Assert.Equal([], await Series.AssignAsync(dialogue, anna.UserId!, null, Ct));
        Assert.Null(await h.QueryAsync(db => db.Dialogues.Where(d => d.Id == dialogue).Select(d => d.SeriesId).SingleAsync(Ct)));
    }

    [Fact]
    public async Task A_series_is_renamed_checked_as_when_it_was_made_and_its_domain_is_fixed_once_it_has_dialogues()
    {
        var series = await NewSeriesAsync();
        var other = await NewSeriesAsync("LEA-overleg regio Hengelo", region: null);
        async Task<(string Name, Domain Domain, string? Region)> StoredAsync()
        {
            var stored = await h.QueryAsync(db => db.Series.AsNoTracking().SingleAsync(s => s.Id == series, Ct));
            return (stored.Name, stored.Domain, stored.Region);
        }

        // Bad input: refused with the same errors as when making one, nothing changed.
        Assert.Equal([SeriesError.NameEmpty], await Series.UpdateAsync(series, " \u200B ", "LeaConsultation", null, Ct));
        Assert.Equal([SeriesError.NameTooLong], await Series.UpdateAsync(series, new string('x', SeriesService.MaxNameLength + 1), "LeaConsultation", null, Ct));
        Assert.Equal([SeriesError.NameTaken], await Series.UpdateAsync(series, "lea-overleg REGIO hengelo", "LeaConsultation", null, Ct));
        Assert.Equal([SeriesError.UnknownDomain, SeriesError.UnknownRegion], await Series.UpdateAsync(series, "Andere naam", "1", "GGD Nergens", Ct));
        Assert.Equal([SeriesError.UnknownSeries], await Series.UpdateAsync(other + 100, "Andere naam", "LeaConsultation", null, Ct));
        Assert.Equal(("LEA-overleg regio Twente", Domain.LeaConsultation, (string?)"GGD Twente"), await StoredAsync());

        // Its own name in another case is no clash; the region may go, and while the series is empty, the domain may change.
        Assert.Empty(await Series.UpdateAsync(series, "  LEA-overleg Regio Twente ", "LeaConsultation", "", Ct));
        Assert.Equal(("LEA-overleg Regio Twente", Domain.LeaConsultation, (string?)null), await StoredAsync());
        Assert.Empty(await Series.UpdateAsync(series, "Overleg Twente", "Other", "ggd twente", Ct));
        Assert.Equal(("Overleg Twente", Domain.Other, (string?)"GGD Twente"), await StoredAsync());

        // With a dialogue in it (the room's, of the domain "overig") the domain is fixed; the name and region still change.
        Assert.Equal([], await Series.AssignAsync(dialogue, anna.UserId!, series, Ct));
        Assert.Equal([SeriesError.DomainLocked], await Series.UpdateAsync(series, "LEA-overleg Twente", "LeaConsultation", "GGD Twente", Ct));
        Assert.Equal(("Overleg Twente", Domain.Other, (string?)"GGD Twente"), await StoredAsync());
        Assert.Empty(await Series.UpdateAsync(series, "Overleg regio Twente", "Other", null, Ct));
        Assert.Equal(("Overleg regio Twente", Domain.Other, (string?)null), await StoredAsync());
        Assert.Equal("Overleg regio Twente 2027", (await Series.FindAsync(series, anna.UserId!, Ct))!.NextTitle);
        Assert.Equal(Domain.Other, await h.QueryAsync(db => db.Dialogues.Where(d => d.Id == dialogue).Select(d => d.Domain).SingleAsync(Ct)));

        // The name of the series made first is free again after the rename.
        Assert.Empty((await Series.CreateAsync(anna.UserId!, "LEA-overleg regio Twente", "LeaConsultation", null, Ct)).Errors);
    }

    [Fact]
    public async Task Deleting_a_series_keeps_its_dialogues_with_their_agreements_and_look_back_in_no_series()
    {
        await LeaDomainAsync(dialogue);
        var open = await AgreeAsync("Handhavingsbeleid actualiseren", "Gemeente Enschede", new DateOnly(2026, 6, 1));
        var done = await AgreeAsync("Termijnen afstemmen", "Gemeente Almelo", null);
        Assert.Empty(await FollowUp.ChangeAsync(dialogue, done, anna.UserId!, "Done", "Afgestemd", Ct));
        var series = await NewSeriesAsync();
        var kept = await NewSeriesAsync("LEA-overleg regio Hengelo", region: null);
        Assert.Equal([], await Series.AssignAsync(dialogue, anna.UserId!, series, Ct));
        var (next, errors) = await PrepareAsync(series, anna, "LEA-overleg regio Twente 2027", new DateOnly(2027, 3, 11));
        Assert.Empty(errors);
        var agreements = await h.QueryAsync(db => db.Agreements.CountAsync(Ct));
        var themes = await h.QueryAsync(db => db.Themes.Where(t => t.DialogueId == next).Select(t => t.Title).OrderBy(t => t).ToListAsync(Ct));

        Assert.True(await Series.DeleteAsync(series, Ct));

        Assert.Equal([kept], await h.QueryAsync(db => db.Series.Select(s => s.Id).ToListAsync(Ct)));
        Assert.Equal(
            [(dialogue, (int?)null), (next!.Value, (int?)null)],
            await h.QueryAsync(async db => (await db.Dialogues.Where(d => d.Id == dialogue || d.Id == next).OrderBy(d => d.Id).Select(d => new { d.Id, d.SeriesId }).ToListAsync(Ct))
                .Select(d => (d.Id, d.SeriesId)).ToList()));
        Assert.Equal(agreements, await h.QueryAsync(db => db.Agreements.CountAsync(Ct)));
        Assert.Equal(AgreementStatus.Done, await h.QueryAsync(db => db.Agreements.Where(a => a.Id == done).Select(a => a.Status).SingleAsync(Ct)));
        Assert.Equal(themes, await h.QueryAsync(db => db.Themes.Where(t => t.DialogueId == next).Select(t => t.Title).OrderBy(t => t).ToListAsync(Ct)));
        Assert.Equal(
            [(open, "Handhavingsbeleid actualiseren", "Kinderopvang")],
            (await h.QueryAsync(db => SeriesService.LookBackAsync(db, next.Value, Ct))).Select(l => (l.AgreementId, l.What, l.FromTitle)));

        // The room and the dossier still carry the look-back; the dossier names no series and fits its schema.
        Assert.Single((await h.Room.SnapshotAsync(next.Value, anna, null, Ct)).Snapshot!.LookBack!);
        var record = (await h.Services.GetRequiredService<PrivacyExports>().DialogueRecordAsync(next.Value, IbtDialogue.Accounts.RecordReader.Facilitator(anna.UserId!), administrator: false, Ct))!;
        ExportSchemas.AssertValid(ExportSchemas.Record, System.Text.Encoding.UTF8.GetString(PrivacyExports.ToJson(record)));
        Assert.Null(record.Dialogue.Series);
        Assert.Equal([open], record.LookBack.Select(l => l.AgreementId));

        // Gone is gone: a second delete, or one of a series that never was, finds nothing and changes nothing.
        Assert.False(await Series.DeleteAsync(series, Ct));
        Assert.False(await Series.DeleteAsync(kept + 100, Ct));
        Assert.Null(await Series.FindAsync(series, anna.UserId!, Ct));
        Assert.Equal([SeriesError.UnknownSeries], await Series.AssignAsync(dialogue, anna.UserId!, series, Ct));
        Assert.Equal([kept], await h.QueryAsync(db => db.Series.Select(s => s.Id).ToListAsync(Ct)));

        // The dialogues can join another series of their domain.
        Assert.Equal([], await Series.AssignAsync(dialogue, anna.UserId!, kept, Ct));
    }

    /// <summary>Compares the tuples with their list by content.</summary>
    private sealed class TupleComparer : IEqualityComparer<(int, AgreementStatus, bool, IReadOnlyList<string>)>
    {
        public bool Equals((int, AgreementStatus, bool, IReadOnlyList<string>) x, (int, AgreementStatus, bool, IReadOnlyList<string>) y) =>
            (x.Item1, x.Item2, x.Item3) == (y.Item1, y.Item2, y.Item3) && x.Item4.SequenceEqual(y.Item4);

        public int GetHashCode((int, AgreementStatus, bool, IReadOnlyList<string>) obj) => obj.Item1;
    }
}

/// <summary>The same tests on PostgreSQL (a database of their own on the test server, see <see cref="TestPostgres"/>).</summary>
public sealed class SeriesTestsOnPostgres : SeriesTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;
}
