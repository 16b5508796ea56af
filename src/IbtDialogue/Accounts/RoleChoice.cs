namespace IbtDialogue.Accounts;

/// <summary>Roles as a form posts them: one checkbox each.</summary>
public sealed class RoleChoice
{
    public bool Facilitator { get; set; }

    public bool Analyst { get; set; }

    public bool Administrator { get; set; }

    public static RoleChoice Of(IEnumerable<string> roles) => new()
    {
        Facilitator = roles.Contains(Roles.Facilitator),
        Analyst = roles.Contains(Roles.Analyst),
        Administrator = roles.Contains(Roles.Administrator),
    };

    public bool Has(string role) => Selected.Contains(role);

    public IReadOnlyList<string> Selected =>
        [.. new[] { (Facilitator, Roles.Facilitator), (Analyst, Roles.Analyst), (Administrator, Roles.Administrator) }.Where(r => r.Item1).Select(r => r.Item2)];
}
