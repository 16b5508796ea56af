using System.Reflection;
using IbtDialogue.Protocol;
using IbtDialogue.Tests.Support;

namespace IbtDialogue.Tests.Contract;

/// <summary>docs/protocol.md is the contract other clients are written from: it must name everything the protocol project holds.</summary>
public sealed class ProtocolDocumentTests
{
    private static readonly string Document = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "docs", "protocol.md"));

    [Fact]
    public void The_document_is_of_the_current_protocol_version()
    {
        Assert.StartsWith($"# The dialogue hub — protocol, version {HubContract.Version}\n", Document, StringComparison.Ordinal);
        Assert.Contains($"| {HubContract.Version} |", Document, StringComparison.Ordinal);
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
