using IbtDialogue.Dialogues;

namespace IbtDialogue.NationalPicture;

/// <summary>
/// A risk in the national catalogue, kept by analysts per domain and theme. Risks weighed in dialogues are
/// linked to it, so their weight adds up nationally.
/// </summary>
public sealed class CatalogueRisk
{
    public int Id { get; set; }

    public Domain Domain { get; set; }

    /// <summary>The theme of the supervision framework (<see cref="BuiltInTemplates.Themes"/>).</summary>
    public required string ThemeKey { get; set; }

    public required string Title { get; set; }

    public string? Explanation { get; set; }

    /// <summary>Where it comes from, e.g. "Landelijk beeld 2025, §3".</summary>
    public string? Source { get; set; }

    /// <summary>No longer offered for new dialogues; what was weighed stays counted.</summary>
    public bool Retired { get; set; }

    public DateTime CreatedAt { get; set; }

    public string? CreatedByUserId { get; set; }
}
