using System.Globalization;
using System.Text;
using IbtDialogue.Protocol;
using IbtDialogue.Client.Resources;

namespace IbtDialogue.Minutes;

/// <summary>
/// Writes the minutes of a dialogue as Markdown from its record — the full minutes for the facilitators, or
/// the public summary without personal names. Deterministic: the same record gives the same bytes (fixed
/// order, fixed culture and time zone, "\n" line ends), so versions can be compared and golden files hold
/// the expected text. Everything people typed goes through <see cref="MarkdownText"/>, so it stays text.
/// The headings and fixed sentences are in the composer's language: the app's one is Dutch, and <see cref="In"/>
/// gives the one for the language of the facilitator who composes (docs/operations.md, Languages).
/// </summary>
public sealed class MinutesComposer(CultureInfo culture)
{
    /// <summary>The same composer writing in <paramref name="language"/> (texts, dates, numbers).</summary>
    public MinutesComposer In(CultureInfo language) => language.Name == culture.Name ? this : new(language);

    private static readonly TimeZoneInfo DutchTime = TimeZoneInfo.FindSystemTimeZoneById("Europe/Amsterdam");

    private static readonly (ContributionKind Kind, string Heading)[] Sections =
    [
        (ContributionKind.SuccessFactor, nameof(Texts.KindSuccessFactorPlural)),
        (ContributionKind.Bottleneck, nameof(Texts.KindBottleneckPlural)),
        (ContributionKind.Question, nameof(Texts.KindQuestionPlural)),
    ];

    /// <summary>The minutes for the facilitators: who said what.</summary>
    public string Compose(MinutesRecord record) => Write(record, forPublic: false);

    /// <summary>
    /// The public summary: the same structure without any personal name or contact, and without organisations
    /// when the dialogue was anonymous.
    /// </summary>
    public string ComposePublic(MinutesRecord record) => Write(record, forPublic: true);

    private string Write(MinutesRecord record, bool forPublic)
    {
        var md = new StringBuilder();
        Line(md, $"# {MarkdownText.Inline(record.Title)}");
        Line(md);
        Line(md, Format(forPublic ? nameof(Texts.MinutesPublicIntro) : nameof(Texts.MinutesIntro), record.Date.ToString("d MMMM yyyy", culture)));
        Line(md);
        var facilitators = forPublic ? T(nameof(Texts.InspectorateName))
            : record.Facilitators.Count == 0 ? "—"
            : string.Join(", ", record.Facilitators.Select(MarkdownText.Inline));
        Line(md, $"- **{T(nameof(Texts.MinutesFacilitators))}:** {facilitators}");
        Line(md, $"- **{T(nameof(Texts.MinutesParticipation))}:** {Format(nameof(Texts.MinutesParticipantCount), Count(record.ParticipantCount, nameof(Texts.CountParticipantsOne), nameof(Texts.CountParticipantsOther)), Count(record.Organisations.Count, nameof(Texts.CountOrganisationsOne), nameof(Texts.CountOrganisationsOther)))}");
        Line(md);

        var showOrganisations = !(forPublic && record.Anonymity == Anonymity.Anonymous);
        if (showOrganisations)
        {
            Line(md, $"## {T(nameof(Texts.MinutesParticipantsPerOrganisation))}");
            Line(md);
            if (record.Organisations.Count == 0)
            {
                Line(md, $"_{T(nameof(Texts.MinutesNoParticipants))}_");
            }
            else
            {
                Line(md, $"| {T(nameof(Texts.MinutesOrganisation))} | {T(nameof(Texts.MinutesParticipants))} |");
                Line(md, "| --- | ---: |");
                foreach (var organisation in record.Organisations)
                {
                    Line(md, $"| {MarkdownText.Inline(organisation.Organisation)} | {organisation.Participants.ToString(culture)} |");
                }
            }

            Line(md);
        }

        var attribution = new Attribution(forPublic, forPublic && record.Anonymity == Anonymity.Anonymous, forPublic ? PersonalDataCheck.For(record) : null);
        for (var i = 0; i < record.Themes.Count; i++)
        {
            WriteTheme(md, i + 1, record.Themes[i], attribution);
        }

        Line(md, $"## {T(nameof(Texts.MinutesClosing))}");
        Line(md);
        if (record.ClosedAt is { } closedAt)
        {
            var local = TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(closedAt, DateTimeKind.Utc), DutchTime);
            Line(md, Format(nameof(Texts.MinutesClosedAt), local.ToString("d MMMM yyyy", culture), local.ToString("HH:mm", culture)));
        }
        else
        {
            Line(md, T(nameof(Texts.MinutesDraft)));
        }

        return md.ToString();
    }

    /// <summary>
    /// How an author is mentioned: name and organisation, the organisation only, or not at all — the least of
    /// what the minutes allow (the public ones no names) and what the contribution was posted under.
    /// </summary>
    /// <param name="Check">For the public summary: what an agreement's "wie" may not show (a person, a contact).</param>
    private sealed record Attribution(bool WithoutNames, bool WithoutOrganisations, PersonalDataCheck? Check)
    {
        /// <summary>An agreement's "wie" as the minutes may show it: an organisation or a group, in the public summary no person.</summary>
        public string? Responsible(string? who) =>
            who is null || (Check is not null && Check.FindInText(who).Count > 0) ? null : MarkdownText.Inline(who);

        public string? Who(ContributionRecord item)
        {
            var name = WithoutNames ? null : item.AuthorName;
            var organisation = WithoutOrganisations ? null : item.Organisation;
            return (name, organisation) switch
            {
                ({ } n, { } o) => $"{MarkdownText.Inline(n)} ({MarkdownText.Inline(o)})",
                ({ } n, null) => MarkdownText.Inline(n),
                (null, { } o) => MarkdownText.Inline(o),
                _ => null,
            };
        }

        public string Of(ContributionRecord item) => Who(item) is { } who ? $" — {who}" : "";
    }

    private void WriteTheme(StringBuilder md, int number, ThemeRecord theme, Attribution attribution)
    {
        Line(md, $"## {number.ToString(culture)}. {MarkdownText.Inline(theme.Title)}");
        Line(md);
        if (!string.IsNullOrWhiteSpace(theme.Goal))
        {
            Line(md, $"**{T(nameof(Texts.MinutesGoal))}:** {MarkdownText.Inline(theme.Goal)}");
            Line(md);
        }

        WriteLookBack(md, theme.LookBack, attribution);
        if (theme.Contributions.Count == 0 && theme.Practices.Count == 0 && theme.Vote.Risks.Count == 0 && theme.Agreements.Count == 0 && theme.LookBack is not { Count: > 0 })
        {
            Line(md, $"_{T(nameof(Texts.MinutesNothingShared))}_");
            Line(md);
            return;
        }

        foreach (var (kind, heading) in Sections)
        {
            var items = theme.Contributions.Where(c => c.Kind == kind).ToList();
            if (items.Count == 0)
            {
                continue;
            }

            Line(md, $"### {T(heading)}");
            Line(md);
            foreach (var item in items)
            {
                Line(md, $"- {MarkdownText.Inline(item.Text)}{Reactions(item)}{attribution.Of(item)}");
            }

            Line(md);
        }

        WritePractices(md, theme.Practices, attribution);
        WriteRisks(md, theme.Vote);
        WriteAgreements(md, theme.Agreements, attribution);
    }

    private void WritePractices(StringBuilder md, IReadOnlyList<PracticeRecord> practices, Attribution attribution)
    {
        if (practices.Count == 0)
        {
            return;
        }

        Line(md, $"### {T(nameof(Texts.PracticesTitle))}");
        Line(md);
        foreach (var practice in practices)
        {
            Line(md, $"#### {MarkdownText.Inline(practice.Title)}");
            Line(md);
            Line(md, $"- **{T(nameof(Texts.MinutesPracticeWhat))}:** {MarkdownText.Inline(practice.What)}");
            Line(md, $"- **{T(nameof(Texts.MinutesPracticeWhy))}:** {MarkdownText.Inline(practice.Why)}");
            Line(md, $"- **{T(nameof(Texts.MinutesPracticeOrigin))}:** {MarkdownText.Inline(practice.Origin)}");
            Line(md, $"- **{T(nameof(Texts.PracticeStep))}:** {T("Step" + practice.Step)}");
            if (!attribution.WithoutNames && (practice.ContactName is not null || practice.ContactDetails is not null))
            {
                var contact = string.Join(" — ", new[] { practice.ContactName, practice.ContactDetails }.OfType<string>().Select(MarkdownText.Inline));
                Line(md, $"- **{T(nameof(Texts.PracticeContactShown))}:** {contact}");
            }

            if (!attribution.WithoutNames && attribution.Who(practice.Author) is { } sharedBy)
            {
                Line(md, $"- **{T(nameof(Texts.MinutesPracticeSharedBy))}:** {sharedBy}{Reactions(practice.Author)}");
            }
            else if (practice.Author.Reactions > 0)
            {
                Line(md, $"- **{T(nameof(Texts.MinutesPracticeSupport))}:** +{practice.Author.Reactions.ToString(culture)}");
            }

            if (practice.Questions.Count > 0)
            {
                Line(md, $"- **{T(nameof(Texts.KindQuestionPlural))}:**");
                foreach (var question in practice.Questions)
                {
                    Line(md, $"  - {MarkdownText.Inline(question.Text)}{Reactions(question)}{attribution.Of(question)}");
                }
            }

            Line(md);
        }
    }

    private void WriteRisks(StringBuilder md, VoteRecord vote)
    {
        if (vote.Risks.Count == 0)
        {
            return;
        }

        Line(md, $"### {T(nameof(Texts.MinutesRisks))}");
        Line(md);
        if (vote.Risks.Any(r => r.Result is null))
        {
            foreach (var risk in vote.Risks)
            {
                Line(md, $"- {MarkdownText.Inline(risk.Title)}");
            }

            Line(md);
            Line(md, $"_{T(nameof(Texts.MinutesNoVote))}_");
            Line(md);
            return;
        }

        if (vote.Method == VoteMethod.Dots)
        {
            Line(md, $"{T(nameof(Texts.MinutesVoteDots))}");
            Line(md);
            Line(md, $"| {T(nameof(Texts.ResultsRank))} | {T(nameof(Texts.ResultsRisk))} | {T(nameof(Texts.ResultsPoints))} | {T(nameof(Texts.ResultsVoters))} |");
            Line(md, "| ---: | --- | ---: | ---: |");
            foreach (var risk in vote.Risks)
            {
                var r = risk.Result!;
                Line(md, $"| {r.Rank.ToString(culture)} | {MarkdownText.Inline(risk.Title)} | {r.Points.ToString(culture)} | {r.Voters.ToString(culture)} |");
            }
        }
        else
        {
            Line(md, $"{T(nameof(Texts.MinutesVoteMatrix))}");
            Line(md);
            Line(md, $"| {T(nameof(Texts.ResultsRank))} | {T(nameof(Texts.ResultsRisk))} | {T(nameof(Texts.ResultsLikelihood))} | {T(nameof(Texts.ResultsImpact))} | {T(nameof(Texts.ResultsScore))} | {T(nameof(Texts.ResultsRaters))} | {T(nameof(Texts.MinutesMatrixPosition))} |");
            Line(md, "| ---: | --- | ---: | ---: | ---: | ---: | --- |");
            foreach (var risk in vote.Risks)
            {
                var r = risk.Result!;
                var position = r.MeanLikelihood is { } l && r.MeanImpact is { } i
                    ? Format(nameof(Texts.MinutesMatrixCell), (int)Math.Round(l, MidpointRounding.AwayFromZero), (int)Math.Round(i, MidpointRounding.AwayFromZero))
                    : "—";
                Line(md, $"| {r.Rank.ToString(culture)} | {MarkdownText.Inline(risk.Title)} | {Number(r.MeanLikelihood)} | {Number(r.MeanImpact)} | {Number(r.Score)} | {r.Voters.ToString(culture)} | {position} |");
            }
        }

        Line(md);
    }

    private void WriteAgreements(StringBuilder md, IReadOnlyList<AgreementRecord> agreements, Attribution attribution)
    {
        if (agreements.Count == 0)
        {
            return;
        }

        Line(md, $"### {T(nameof(Texts.AgreementsTitle))}");
        Line(md);
        Line(md, $"| {T(nameof(Texts.AgreementWhat))} | {T(nameof(Texts.AgreementWho))} | {T(nameof(Texts.AgreementDue))} |");
        Line(md, "| --- | --- | --- |");
        foreach (var agreement in agreements)
        {
            Line(md, $"| {MarkdownText.Inline(agreement.What)} | {attribution.Responsible(agreement.Who) ?? "—"} | {agreement.Due?.ToString("d MMMM yyyy", culture) ?? "—"} |");
        }

        Line(md);
    }

    private void WriteLookBack(StringBuilder md, IReadOnlyList<LookBackRecord>? lookBack, Attribution attribution)
    {
        if (lookBack is not { Count: > 0 })
        {
            return;
        }

        Line(md, $"### {T(nameof(Texts.MinutesLookBack))}");
        Line(md);
        Line(md, $"| {T(nameof(Texts.AgreementWhat))} | {T(nameof(Texts.AgreementWho))} | {T(nameof(Texts.AgreementDue))} | {T(nameof(Texts.AgreementStatusColumn))} | {T(nameof(Texts.LookBackFrom))} |");
        Line(md, "| --- | --- | --- | --- | --- |");
        foreach (var item in lookBack)
        {
            Line(md, $"| {MarkdownText.Inline(item.What)} | {attribution.Responsible(item.Who) ?? "—"} | {item.Due?.ToString("d MMMM yyyy", culture) ?? "—"} | {T("AgreementStatus" + item.Status)} | {MarkdownText.Inline(item.From)} ({item.FromDate.ToString("d MMMM yyyy", culture)}) |");
        }

        Line(md);
    }

    private string Reactions(ContributionRecord item) => item.Reactions > 0 ? $" (+{item.Reactions.ToString(culture)})" : "";

    private string Number(double? value) => value is { } v ? v.ToString("0.0", culture) : "—";

    private string T(string key) => Texts.ResourceManager.GetString(key, culture) ?? throw new InvalidOperationException($"Missing text {key}.");

    private string Count(int count, string one, string other) => Plural.Of(count, T(one), T(other), culture);

    private string Format(string key, params object[] args) => string.Format(culture, T(key), args);

    private static void Line(StringBuilder md, string text = "") => md.Append(text).Append('\n');
}
