using IbtDialogue.Protocol;
using IbtDialogue.Client.Resources;
using IbtDialogue.Dialogues;
using IbtDialogue.Persistence;
using IbtDialogue.Voting;
using Microsoft.EntityFrameworkCore;

namespace IbtDialogue.Minutes;

/// <summary>Everything the minutes are composed from, read from the database in a fixed order. Only what is visible counts.</summary>
public sealed record MinutesRecord(
    string Title,
    DateOnly Date,
    DateTime? ClosedAt,
    Anonymity Anonymity,
    IReadOnlyList<string> Facilitators,
    IReadOnlyList<OrganisationCount> Organisations,
    IReadOnlyList<ThemeRecord> Themes)
{
    public int ParticipantCount => Organisations.Sum(o => o.Participants);

    /// <summary>
    /// Every personal name in the record: participants, facilitators and contact persons, with contact details, and
    /// whoever an agreement names as "wie" when that is a person (<see cref="PersonalDataCheck.NamesAPerson"/>).
    /// </summary>
    public IReadOnlySet<string> PersonalNames { get; init; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>Loads the record of a dialogue (the tracked entity, so unsaved changes such as its closing time count).</summary>
    public static async Task<MinutesRecord> LoadAsync(DialogueDb db, Dialogue dialogue, CancellationToken cancellationToken)
    {
        var facilitators = await (
            from f in db.DialogueFacilitators
            where f.DialogueId == dialogue.Id
            join u in db.Users on f.UserId equals u.Id
            select new { f.IsOwner, u.DisplayName })
            .ToListAsync(cancellationToken);

        var participants = await db.Participants.AsNoTracking()
            .Where(p => p.DialogueId == dialogue.Id)
            .Select(p => new { p.DisplayName, p.Organisation, p.Role })
            .ToListAsync(cancellationToken);

        var themes = await db.Themes.AsNoTracking().Where(t => t.DialogueId == dialogue.Id).ToListAsync(cancellationToken);

        var contributions = await (
            from c in db.Contributions.AsNoTracking()
            where c.DialogueId == dialogue.Id && c.Status == ContributionStatus.Visible
            join p in db.Participants on c.ParticipantId equals p.Id into ps
            from p in ps.DefaultIfEmpty()
            join u in db.Users on c.AuthorUserId equals u.Id into us
            from u in us.DefaultIfEmpty()
            select new Row(
                c.Id, c.ThemeId, c.Kind, c.Text, c.ParentId,
                c.PracticeTitle, c.PracticeWhy, c.PracticeOrganisation, c.PracticeStep, c.ContactName, c.ContactDetails,
                p.DisplayName, p.Organisation, u.DisplayName,
                db.Reactions.Count(r => r.ContributionId == c.Id),
                c.Anonymity))
            .ToListAsync(cancellationToken);

        var risks = await db.Risks.AsNoTracking()
            .Where(r => r.DialogueId == dialogue.Id && r.Status == RiskStatus.Accepted)
            .ToListAsync(cancellationToken);
        var ballots = await db.Votes.AsNoTracking()
            .Where(v => v.DialogueId == dialogue.Id)
            .Select(v => new VoteResults.Ballot(v.RiskId, v.Ballot, v.Points, v.Likelihood, v.Impact))
            .ToListAsync(cancellationToken);
        var agreements = await db.Agreements.AsNoTracking().Where(a => a.DialogueId == dialogue.Id).ToListAsync(cancellationToken);
        var lookBack = await Series.SeriesService.LookBackAsync(db, dialogue.Id, cancellationToken);

        // Inspectors are named; a participant as the anonymity they posted under allows, here too.
        static ContributionRecord Item(Row c) => c.Participant is null && c.Facilitator is not null
            ? new(c.Kind, c.Text, c.Facilitator, Texts.InspectorateName, c.Reactions)
            : new(
                c.Kind,
                c.Text,
                c.Anonymity == Anonymity.Named ? c.Participant ?? Texts.ErasedParticipant : null,
                c.Anonymity == Anonymity.Anonymous ? null : c.Organisation,
                c.Reactions);

        var names = new HashSet<string>(StringComparer.Ordinal);
        names.UnionWith(participants.Select(p => p.DisplayName));
        names.UnionWith(facilitators.Select(f => f.DisplayName));
        names.UnionWith(contributions.SelectMany(c => new[] { c.ContactName, c.ContactDetails }).OfType<string>());
        var organisations = participants.Select(p => p.Organisation).Distinct(StringComparer.Ordinal).ToList();
        names.UnionWith(agreements.Select(a => a.Who).Concat(lookBack.Select(l => l.Who)).OfType<string>().Where(who => PersonalDataCheck.NamesAPerson(who, organisations)));

        return new MinutesRecord(
            dialogue.Title,
            dialogue.Date,
            dialogue.ClosedAt,
            dialogue.Anonymity,
            [.. facilitators.OrderByDescending(f => f.IsOwner).ThenBy(f => f.DisplayName, StringComparer.Ordinal).Select(f => f.DisplayName)],
            [
                .. participants.Where(p => p.Role == RoomRole.Participant)
                    .GroupBy(p => p.Organisation)
                    .Select(g => new OrganisationCount(g.Key, g.Count()))
                    .OrderByDescending(o => o.Participants).ThenBy(o => o.Organisation, StringComparer.Ordinal),
            ],
            [
                .. themes.OrderBy(t => t.Position).ThenBy(t => t.Id).Select(t =>
                {
                    var inTheme = contributions.Where(c => c.ThemeId == t.Id).OrderBy(c => c.Id).ToList();
                    var listed = risks.Where(r => r.ThemeId == t.Id).OrderBy(r => r.Position).ToList();
                    var results = t.VoteState == VoteState.Closed
                        ? VoteResults.Compute(t.VoteMethod, [.. listed.Select(r => new VoteResults.RiskOnList(r.Id, r.Position))], [.. ballots.Where(b => listed.Any(r => r.Id == b.RiskId))])
                        : null;
                    return new ThemeRecord(
                        t.Title,
                        t.Goal,
                        [.. inTheme.Where(c => c.Kind != ContributionKind.GoodPractice && c.ParentId is null).Select(Item)],
                        [
                            .. inTheme.Where(c => c.Kind == ContributionKind.GoodPractice).Select(c => new PracticeRecord(
                                c.PracticeTitle ?? "",
                                c.Text,
                                c.PracticeWhy ?? "",
                                c.PracticeOrganisation ?? "",
                                c.PracticeStep ?? CycleStep.Plan,
                                c.ContactName,
                                c.ContactDetails,
                                Item(c),
                                [.. inTheme.Where(q => q.ParentId == c.Id).Select(Item)])),
                        ],
                        new VoteRecord(
                            t.VoteMethod,
                            t.VoteState,
                            results is null
                                ? [.. listed.Select(r => new RiskLine(r.Title, null))]
                                : [.. results.Select(result => new RiskLine(listed.Single(r => r.Id == result.RiskId).Title, result))]),
                        [.. agreements.Where(a => a.ThemeId == t.Id).OrderBy(a => a.Id).Select(a => new AgreementRecord(a.What, a.Who, a.Due))],
                        t.IsLookBack ? [.. lookBack.Select(l => new LookBackRecord(l.What, l.Who, l.Due, l.Status, l.FromTitle, l.FromDate))] : null);
                }),
            ])
        {
            PersonalNames = names,
        };
    }

    private sealed record Row(
        int Id,
        int ThemeId,
        ContributionKind Kind,
        string Text,
        int? ParentId,
        string? PracticeTitle,
        string? PracticeWhy,
        string? PracticeOrganisation,
        CycleStep? PracticeStep,
        string? ContactName,
        string? ContactDetails,
        string? Participant,
        string? Organisation,
        string? Facilitator,
        int Reactions,
        Anonymity Anonymity);
}

public sealed record OrganisationCount(string Organisation, int Participants);

public sealed record ThemeRecord(
    string Title,
    string? Goal,
    IReadOnlyList<ContributionRecord> Contributions,
    IReadOnlyList<PracticeRecord> Practices,
    VoteRecord Vote,
    IReadOnlyList<AgreementRecord> Agreements,
    IReadOnlyList<LookBackRecord>? LookBack = null)
{
    public ThemeRecord(string title, string? goal, IReadOnlyList<ContributionRecord> contributions)
        : this(title, goal, contributions, [], new VoteRecord(VoteMethod.Dots, VoteState.NotStarted, []), [])
    {
    }
}

/// <param name="AuthorName">Null when the contribution was posted anonymously or with the organisation only.</param>
/// <param name="Organisation">Null when it was posted anonymously.</param>
public sealed record ContributionRecord(ContributionKind Kind, string Text, string? AuthorName, string? Organisation, int Reactions = 0);

public sealed record PracticeRecord(
    string Title,
    string What,
    string Why,
    string Origin,
    CycleStep Step,
    string? ContactName,
    string? ContactDetails,
    ContributionRecord Author,
    IReadOnlyList<ContributionRecord> Questions);

/// <summary>A theme's risks; with results when its vote is closed.</summary>
public sealed record VoteRecord(VoteMethod Method, VoteState State, IReadOnlyList<RiskLine> Risks);

public sealed record RiskLine(string Title, RiskResult? Result);

public sealed record AgreementRecord(string What, string? Who, DateOnly? Due);

/// <summary>An agreement of an earlier dialogue of the series looked back on, with where it stood when the minutes were made.</summary>
public sealed record LookBackRecord(string What, string? Who, DateOnly? Due, AgreementStatus Status, string From, DateOnly FromDate);
