namespace IbtDialogue.Voting;

public static class VotingExtensions
{
    /// <summary>Risks on a theme and the secret, exact vote on them.</summary>
    public static WebApplicationBuilder AddVoting(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<VotingCommands>();
        return builder;
    }
}
