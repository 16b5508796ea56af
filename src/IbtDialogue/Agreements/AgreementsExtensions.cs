namespace IbtDialogue.Agreements;

public static class AgreementsExtensions
{
    /// <summary>Agreements recorded in the room.</summary>
    public static WebApplicationBuilder AddAgreements(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<AgreementCommands>();
        return builder;
    }
}
