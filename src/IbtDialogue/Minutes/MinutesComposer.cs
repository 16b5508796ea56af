using System.Globalization;
using System.Text;
using IbtDialogue.Client.Protocol;
using IbtDialogue.Client.Resources;

namespace IbtDialogue.Minutes;

/// <summary>
/// Writes the minutes of a dialogue as Markdown from its record. Deterministic: the same record gives the
/// same bytes (fixed order, fixed culture and time zone, "\n" line ends), so versions can be compared and
/// golden files can hold the expected text.
/// </summary>
public sealed class MinutesComposer(CultureInfo culture)
{
    private static readonly TimeZoneInfo DutchTime = TimeZoneInfo.FindSystemTimeZoneById("Europe/Amsterdam");

    private static readonly (ContributionKind Kind, string Heading)[] Sections =
    [
        (ContributionKind.SuccessFactor, nameof(Texts.KindSuccessFactorPlural)),
        (ContributionKind.Bottleneck, nameof(Texts.KindBottleneckPlural)),
        (ContributionKind.Question, nameof(Texts.KindQuestionPlural)),
    ];

    public string Compose(MinutesRecord record)
    {
        var md = new StringBuilder();
        Line(md, $"# {MarkdownText.Inline(record.Title)}");
        Line(md);
        Line(md, Format(nameof(Texts.MinutesIntro), record.Date.ToString("d MMMM yyyy", culture)));
        Line(md);
        Line(md, $"- **{T(nameof(Texts.MinutesFacilitators))}:** {(record.Facilitators.Count == 0 ? "—" : string.Join(", ", record.Facilitators.Select(MarkdownText.Inline)))}");
        Line(md, $"- **{T(nameof(Texts.MinutesParticipation))}:** {Format(nameof(Texts.MinutesParticipantCount), Count(record.ParticipantCount, nameof(Texts.CountParticipantsOne), nameof(Texts.CountParticipantsOther)), Count(record.Organisations.Count, nameof(Texts.CountOrganisationsOne), nameof(Texts.CountOrganisationsOther)))}");
        Line(md);

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
        for (var i = 0; i < record.Themes.Count; i++)
        {
            ComposeTheme(md, i + 1, record.Themes[i]);
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

    private void ComposeTheme(StringBuilder md, int number, ThemeRecord theme)
    {
        Line(md, $"## {number.ToString(culture)}. {MarkdownText.Inline(theme.Title)}");
        Line(md);
        if (!string.IsNullOrWhiteSpace(theme.Goal))
        {
            Line(md, $"**{T(nameof(Texts.MinutesGoal))}:** {MarkdownText.Inline(theme.Goal)}");
            Line(md);
        }

        if (theme.Contributions.Count == 0)
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
                Line(md, $"- {MarkdownText.Inline(item.Text)} — {MarkdownText.Inline(item.AuthorName)} ({MarkdownText.Inline(item.Organisation)})");
            }

            Line(md);
        }
    }

    private string T(string key) => Texts.ResourceManager.GetString(key, culture) ?? throw new InvalidOperationException($"Missing text {key}.");

    private string Count(int count, string one, string other) => Plural.Of(count, T(one), T(other), culture);

    private string Format(string key, params object[] args) => string.Format(culture, T(key), args);

    private static void Line(StringBuilder md, string text = "") => md.Append(text).Append('\n');
}
