using IbtDialogue.Dialogues;

namespace IbtDialogue.NationalPicture;

/// <summary>A national finding of the Inspectie for a theme, written by an analyst in Markdown with its sources.</summary>
public sealed class Finding
{
    public int Id { get; set; }

    public Domain Domain { get; set; }

    public required string ThemeKey { get; set; }

    public required string Title { get; set; }

    public required string Markdown { get; set; }

    /// <summary>Where it comes from: reports, figures (Markdown, links allowed).</summary>
    public string? Sources { get; set; }

    public DateTime UpdatedAt { get; set; }

    public string? UpdatedByUserId { get; set; }
}
