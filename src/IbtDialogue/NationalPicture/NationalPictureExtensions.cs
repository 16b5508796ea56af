namespace IbtDialogue.NationalPicture;

public static class NationalPictureExtensions
{
    /// <summary>
    /// The national picture: counting closed dialogues, the risk catalogue and figures, the good-practice library,
    /// the Inspectie's findings and indicator figures, and the picture in the room.
    /// </summary>
    public static WebApplicationBuilder AddNationalPicture(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton<NationalPictureCounter>();
        services.AddSingleton<NationalPictureWorker>();
        services.AddHostedService(provider => provider.GetRequiredService<NationalPictureWorker>());
        services.AddSingleton<RiskCatalogue>();
        services.AddSingleton<RiskPicture>();
        services.AddSingleton<PracticeLibrary>();
        services.AddSingleton<FindingService>();
        services.AddSingleton<IndicatorService>();
        services.AddSingleton<NationalRoom>();
        services.AddSingleton<DialogueResults>();
        services.AddSingleton<OpenData>();
        services.AddSingleton<DemoData>();
        return builder;
    }

    /// <summary>The open data of the national picture: the public figures as CSV and JSON.</summary>
    public static IEndpointRouteBuilder MapNationalPicture(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/landelijk-beeld/risicos.json", async (OpenData data, CancellationToken cancellationToken) =>
            Results.Text(OpenData.ToJson(await data.FiguresAsync(cancellationToken)), "application/json; charset=utf-8"));
        endpoints.MapGet("/landelijk-beeld/risicos.csv", async (OpenData data, CancellationToken cancellationToken) =>
            Results.File(OpenData.ToCsv(await data.FiguresAsync(cancellationToken)), "text/csv; charset=utf-8", "landelijk-beeld-risicos.csv"));
        return endpoints;
    }
}
