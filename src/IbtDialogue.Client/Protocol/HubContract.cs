namespace IbtDialogue.Client.Protocol;

/// <summary>Constants of the public hub contract (see docs/protocol.md).</summary>
public static class HubContract
{
    /// <summary>Path of the dialogue hub, relative to the site root.</summary>
    public const string Path = "/hubs/dialogue";

    /// <summary>Version of the contract; bumped on every incompatible change.</summary>
    public const int Version = 1;

    /// <summary>Longest contribution text, in characters.</summary>
    public const int MaxContributionLength = 1000;

    /// <summary>Longest display name, in characters.</summary>
    public const int MaxDisplayNameLength = 60;

    /// <summary>Longest organisation name, in characters.</summary>
    public const int MaxOrganisationLength = 120;
}
