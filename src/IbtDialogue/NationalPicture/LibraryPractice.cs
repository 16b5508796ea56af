using IbtDialogue.Dialogues;
using IbtDialogue.Participants;
using IbtDialogue.Protocol;

namespace IbtDialogue.NationalPicture;

/// <summary>
/// A good practice of a closed dialogue in the national library: the facts it is filtered by, and what
/// analysts decided about it. The text itself stays on the contribution; the full-text index has a copy.
/// </summary>
public sealed class LibraryPractice
{
    /// <summary>The good practice (a contribution of kind GoodPractice).</summary>
    public int ContributionId { get; set; }

    public int DialogueId { get; set; }

    public Domain Domain { get; set; }

    public string? ThemeKey { get; set; }

    public int Year { get; set; }

    public string? Region { get; set; }

    /// <summary>The kind of organisation of whoever told it (a facilitator counts as the inspectorate).</summary>
    public OrganisationType OrganisationType { get; set; }

    public CycleStep Step { get; set; }

    /// <summary>Shown first, and offered in live dialogues of its theme.</summary>
    public bool Featured { get; set; }

    /// <summary>Taken out of the library by an analyst.</summary>
    public bool Hidden { get; set; }

    /// <summary>Its dialogue's summary is published: only then is it in the public library.</summary>
    public bool Published { get; set; }
}
