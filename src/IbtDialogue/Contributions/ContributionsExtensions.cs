namespace IbtDialogue.Contributions;

public static class ContributionsExtensions
{
    /// <summary>Posting, editing, +1s and moderation of contributions and good practices.</summary>
    public static WebApplicationBuilder AddContributions(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<ContributionCommands>();
        return builder;
    }
}
