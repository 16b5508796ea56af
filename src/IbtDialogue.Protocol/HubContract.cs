namespace IbtDialogue.Protocol;

/// <summary>Constants of the public hub contract (see docs/protocol.md).</summary>
public static class HubContract
{
    /// <summary>Path of the dialogue hub, relative to the site root.</summary>
    public const string Path = "/hubs/dialogue";

    /// <summary>Where a participant's browser gets its short-lived hub token: <c>POST /api/hub-token/{dialogueId}</c>.</summary>
    public const string HubTokenPath = "/api/hub-token";

    /// <summary>The hub-token address of one dialogue, relative to the site root.</summary>
    public static string HubTokenUrl(int dialogueId) => $"{HubTokenPath}/{dialogueId.ToString(System.Globalization.CultureInfo.InvariantCulture)}";

    /// <summary>Version of the contract; bumped on every incompatible change.</summary>
    public const int Version = 10;

    /// <summary>Longest contribution text, in characters.</summary>
    public const int MaxContributionLength = 1000;

    /// <summary>Longest theme title, in characters.</summary>
    public const int MaxThemeTitleLength = 200;

    /// <summary>Longest goal text of a theme, in characters.</summary>
    public const int MaxGoalLength = 1000;

    /// <summary>Longest agreement ("what"), in characters.</summary>
    public const int MaxAgreementLength = 500;

    /// <summary>Longest "who" of an agreement, in characters.</summary>
    public const int MaxAgreementOwnerLength = 120;

    /// <summary>Shortest and longest phase timer, and the most one extension may add, in seconds.</summary>
    public const int MinTimerSeconds = 10;
    public const int MaxTimerSeconds = 4 * 60 * 60;
    public const int MaxTimerExtensionSeconds = 60 * 60;

    /// <summary>Limits of good practices and risks, in characters.</summary>
    public const int MaxTitleLength = 200;
    public const int MaxContactNameLength = 100;
    public const int MaxContactDetailsLength = 200;
    public const int MaxRiskTitleLength = 300;
    public const int MaxRiskDescriptionLength = 1000;

    /// <summary>Dot voting: the largest budget a facilitator can give.</summary>
    public const int MaxDotBudget = 50;

    /// <summary>Longest display name, in characters.</summary>
    public const int MaxDisplayNameLength = 60;

    /// <summary>Longest organisation name, in characters.</summary>
    public const int MaxOrganisationLength = 120;
}
