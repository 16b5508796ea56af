namespace IbtDialogue.Client.Protocol;

/// <summary>
/// The methods clients may invoke on the dialogue hub (client to server). The server's hub implements
/// this interface, so a renamed method breaks the build instead of the clients.
/// </summary>
public interface IDialogueHub
{
    /// <summary>Joins the dialogue's live room on this connection and answers with the full state.</summary>
    Task<SnapshotResult> Enter(int dialogueId);

    /// <summary>Answers with the full state without joining (used to resync after a version gap).</summary>
    Task<SnapshotResult> GetSnapshot(int dialogueId);

    Task<CommandResult> PostContribution(PostContribution command);

    /// <summary>Facilitator: opens a draft dialogue so participants can join.</summary>
    Task<CommandResult> OpenDialogue(DialogueCommand command);

    /// <summary>Facilitator: closes the dialogue and composes the minutes.</summary>
    Task<CommandResult> CloseDialogue(DialogueCommand command);

    /// <summary>Facilitator: moves everyone to another theme.</summary>
    Task<CommandResult> SetCurrentTheme(SetCurrentTheme command);
}
