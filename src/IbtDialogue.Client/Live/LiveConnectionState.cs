namespace IbtDialogue.Client.Live;

/// <summary>The state of the live connection as the user should see it.</summary>
public enum LiveConnectionState
{
    Connecting,
    Connected,
    Reconnecting,
    Disconnected,
}
