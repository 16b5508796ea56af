namespace IbtDialogue.Dialogues;

/// <summary>A starting agenda for new dialogues: the two that ship with the app, or one a facilitator made.</summary>
public sealed class Template
{
    public int Id { get; set; }

    public required string Name { get; set; }

    public string? Description { get; set; }

    /// <summary>Shipped with the app (Kinderopvang, LEA); editable, but recreated if deleted.</summary>
    public string? BuiltInKey { get; set; }

    public string? CreatedByUserId { get; set; }

    public Domain Domain { get; set; }

    public DateTime CreatedAt { get; set; }

    public List<TemplateTheme> Themes { get; set; } = [];
}

public sealed class TemplateTheme
{
    public int Id { get; set; }

    public int TemplateId { get; set; }

    public int Position { get; set; }

    public required string Title { get; set; }

    /// <summary>The theme of the supervision framework (official templates carry one).</summary>
    public string? ThemeKey { get; set; }

    public string? Goal { get; set; }

    /// <summary>The risks this theme starts with, one per line.</summary>
    public string? Risks { get; set; }
}
