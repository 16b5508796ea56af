namespace IbtDialogue.Components.Forms;

/// <summary>The errors of one submitted form, keyed by the id of the field they belong to ("" for the form as a whole).</summary>
public sealed class FormErrors
{
    private readonly List<(string Field, string Message)> errors = [];

    public bool Any => errors.Count > 0;

    public IReadOnlyList<(string Field, string Message)> All => errors;

    public void Add(string field, string message) => errors.Add((field, message));

    public string? For(string field) => errors.FirstOrDefault(e => e.Field == field).Message;

    public bool Has(string field) => errors.Any(e => e.Field == field);

    /// <summary>The value for aria-invalid: "true" for a field with an error, else no attribute.</summary>
    public string? AriaInvalid(string field) => Has(field) ? "true" : null;

    /// <summary>The value for aria-describedby: the hint, and the field's error message when there is one.</summary>
    public string? DescribedBy(string field, string? hintId = null)
    {
        var ids = new[] { hintId, Has(field) ? $"{field}-error" : null }.Where(id => id is not null);
        var joined = string.Join(' ', ids);
        return joined.Length == 0 ? null : joined;
    }
}
