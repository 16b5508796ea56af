namespace IbtDialogue.Client.Live;

/// <summary>Makes the hub client a room component talks through; tests put a fake behind it.</summary>
/// <param name="accessToken">The participant's token, or null for a facilitator (signed in by cookie).</param>
public delegate IDialogueHubClient HubClientFactory(string? accessToken);
