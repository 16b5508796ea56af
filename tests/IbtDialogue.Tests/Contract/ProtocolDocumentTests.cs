using System.Reflection;
using IbtDialogue.Protocol;
using IbtDialogue.Tests.Support;

namespace IbtDialogue.Tests.Contract;

/// <summary>docs/protocol.md is the contract other clients are written from: it must name everything the protocol project holds.</summary>
public sealed class ProtocolDocumentTests
{
    private static readonly string Document = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "docs", "protocol.md")).ReplaceLineEndings("\n");

    private static string Section(string heading)
    {
        var start = Document.IndexOf($"\n## {heading}\n", StringComparison.Ordinal);
        Assert.True(start >= 0, $"docs/protocol.md has a section '{heading}'");
        var end = Document.IndexOf("\n## ", start + 1, StringComparison.Ordinal);
        return end < 0 ? Document[start..] : Document[start..end];
    }

    [Fact]
    public void The_document_is_of_the_current_protocol_version()
    {
        Assert.StartsWith($"# The dialogue hub — protocol, version {HubContract.Version}\n", Document, StringComparison.Ordinal);
        var history = Section("Versions of this contract");
        var newest = System.Text.RegularExpressions.Regex.Matches(history, @"^\| (\d+) \|", System.Text.RegularExpressions.RegexOptions.Multiline).Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).Max();
        Assert.Equal(HubContract.Version, newest);
    }

    [Fact]
    public void The_limits_table_gives_the_limits_of_the_contract()
    {
        var limits = Section("Limits");
        string Row(string text) => limits.Split('\n').Single(line => line.StartsWith($"| {text} |", StringComparison.Ordinal));
        Assert.EndsWith($"| {HubContract.MaxContributionLength} |", Row("contribution, good practice's \"what\" and \"why\""), StringComparison.Ordinal);
        Assert.EndsWith($"| {HubContract.MaxTitleLength} |", Row("good practice's title"), StringComparison.Ordinal);
        Assert.EndsWith($"| {HubContract.MaxOrganisationLength} |", Row("organisation"), StringComparison.Ordinal);
        Assert.EndsWith($"| {HubContract.MaxContactNameLength} / {HubContract.MaxContactDetailsLength} |", Row("contact name / contact details"), StringComparison.Ordinal);
        Assert.EndsWith($"| {HubContract.MaxThemeTitleLength} / {HubContract.MaxGoalLength} |", Row("theme title / theme goal"), StringComparison.Ordinal);
        Assert.EndsWith($"| {HubContract.MaxRiskTitleLength} / {HubContract.MaxRiskDescriptionLength} |", Row("risk title / risk description"), StringComparison.Ordinal);
        Assert.EndsWith($"| {HubContract.MaxAgreementLength} / {HubContract.MaxAgreementOwnerLength} |", Row("agreement (\"what\") / \"who\""), StringComparison.Ordinal);
        Assert.EndsWith($"| {HubContract.MaxDisplayNameLength} |", Row("display name"), StringComparison.Ordinal);
        Assert.Contains($"Dot budget 1–{HubContract.MaxDotBudget}", limits, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_code_in_the_errors_table_exists()
    {
        var known = typeof(ErrorCodes).GetFields(BindingFlags.Public | BindingFlags.Static).Select(f => (string)f.GetValue(null)!).ToHashSet();
        var documented = System.Text.RegularExpressions.Regex.Matches(Section("Errors"), @"^\| `([a-z_]+)`(?: / `([a-z_]+)`)*(?: / `([a-z_]+)`)?", System.Text.RegularExpressions.RegexOptions.Multiline)
            .SelectMany(m => m.Groups.Cast<System.Text.RegularExpressions.Group>().Skip(1).SelectMany(g => g.Captures.Select(c => c.Value)))
            .ToList();
        Assert.NotEmpty(documented);
        Assert.All(documented, code => Assert.Contains(code, known));
    }

    [Fact]
    public void Every_hub_method_and_event_is_documented()
    {
        var names = typeof(IDialogueHub).GetMethods().Concat(typeof(IDialogueClient).GetMethods()).Select(m => m.Name).ToList();
        Assert.NotEmpty(names);
        Assert.All(names, name => Assert.Contains($"`{name}`", Document, StringComparison.Ordinal));
    }

    [Fact]
    public void Every_error_code_is_documented()
    {
        var codes = typeof(ErrorCodes).GetFields(BindingFlags.Public | BindingFlags.Static).Select(f => (string)f.GetValue(null)!).ToList();
        Assert.NotEmpty(codes);
        Assert.All(codes, code => Assert.Contains($"`{code}`", Document, StringComparison.Ordinal));
    }

    [Fact]
    public void Every_command_carries_its_id_and_dialogue()
    {
        var commands = typeof(IDialogueHub).GetMethods().Where(m => m.ReturnType == typeof(Task<CommandResult>)).Select(m => m.GetParameters().Single().ParameterType).ToList();
        Assert.NotEmpty(commands);
        Assert.All(commands, type => Assert.True(typeof(IRoomCommand).IsAssignableFrom(type), $"{type.Name} is a command"));
    }
}
