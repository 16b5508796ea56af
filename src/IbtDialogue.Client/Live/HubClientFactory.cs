namespace IbtDialogue.Client.Live;

/// <summary>Makes the hub client a room component talks through; tests put a fake behind it.</summary>
/// <param name="participantOf">
/// The dialogue this browser takes part in (the client connects with a short-lived hub token fetched for it
/// with the participant's cookie), or null for a facilitator (signed in by cookie).
/// </param>
public delegate IDialogueHubClient HubClientFactory(int? participantOf);
