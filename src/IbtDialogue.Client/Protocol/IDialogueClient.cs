namespace IbtDialogue.Client.Protocol;

/// <summary>The events the hub sends to the clients of a dialogue (server to client).</summary>
public interface IDialogueClient
{
    Task ContributionPosted(ContributionPosted e);

    Task PresenceChanged(PresenceChanged e);

    Task DialogueChanged(DialogueChanged e);
}
