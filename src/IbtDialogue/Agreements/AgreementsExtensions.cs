namespace IbtDialogue.Agreements;

public static class AgreementsExtensions
{
    /// <summary>Agreements recorded in the room, and their follow-up afterwards (status, history, follow-up links).</summary>
    public static WebApplicationBuilder AddAgreements(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<AgreementCommands>();
        builder.Services.AddSingleton<AgreementFollowUp>();
        return builder;
    }
}
