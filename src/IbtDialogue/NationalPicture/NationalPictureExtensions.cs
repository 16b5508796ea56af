using Microsoft.Extensions.DependencyInjection.Extensions;

namespace IbtDialogue.NationalPicture;

public static class NationalPictureExtensions
{
    /// <summary>The Inspectie's own part of the national picture: findings per theme and indicator figures per municipality.</summary>
    public static WebApplicationBuilder AddNationalPicture(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<FindingService>();
        services.AddSingleton<IndicatorService>();
        return builder;
    }
}
