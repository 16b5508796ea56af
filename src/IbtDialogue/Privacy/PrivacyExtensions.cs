namespace IbtDialogue.Privacy;

public static class PrivacyExtensions
{
    /// <summary>Retention of personal data (the job that pseudonymises), erasure on request, deleting dialogues.</summary>
    public static WebApplicationBuilder AddPrivacy(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<PrivacyOptions>(builder.Configuration.GetSection("Privacy"));
        builder.Services.AddSingleton<PersonalData>();
        builder.Services.AddSingleton<RetentionWorker>();
        builder.Services.AddHostedService(provider => provider.GetRequiredService<RetentionWorker>());
        return builder;
    }
}
