using System.Globalization;
using IbtDialogue.Accounts;
using IbtDialogue.Client.Protocol;
using IbtDialogue.Dialogues;
using IbtDialogue.Minutes;
using IbtDialogue.Participants;
using Microsoft.AspNetCore.Http.Connections;

namespace IbtDialogue.Live;

public static class DialoguesExtensions
{
    /// <summary>The dialogue engine, its hub and the services of the pages around it.</summary>
    public static WebApplicationBuilder AddDialogues(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(provider => new NodeIdentity(
            provider.GetRequiredService<IConfiguration>()["Node:Name"] is { Length: > 0 } name ? name : Environment.MachineName));
        services.AddSingleton(new MinutesComposer(CultureInfo.GetCultureInfo("nl-NL")));
        services.AddSingleton<MarkdownRenderer>();
        services.AddSingleton<RoomWriter>();
        services.AddSingleton<RoomEngine>();
        services.AddSingleton<RoomBroadcaster>();
        services.AddSingleton<RoomNotifier>();
        services.AddHostedService(provider => provider.GetRequiredService<RoomNotifier>());
        services.AddSingleton<DialogueService>();
        services.AddSingleton<TemplateService>();
        services.AddSingleton<JoinService>();
        services.AddSingleton<MinutesService>();
        services.AddSingleton<PublicationService>();
        services.AddSingleton<WordExport>();
        services.AddSingleton<MinutesExports>();
        services.AddSingleton<Client.Minutes.IMarkdownPreview, ServerMarkdownPreview>();
        services.AddScoped<AccountService>();

        services.AddSignalR(options =>
            {
                options.MaximumReceiveMessageSize = 32 * 1024;
                // Enough for a laptop lid closed for a while; beyond it the client reconnects and resyncs.
                options.StatefulReconnectBufferSize = 1024 * 1024;
            })
            .AddJsonProtocol(options => ProtocolJson.Configure(options.PayloadSerializerOptions));
        return builder;
    }

    public static IEndpointRouteBuilder MapDialogueHub(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHub<DialogueHub>(HubContract.Path, options =>
        {
            options.AllowStatefulReconnects = true;
            options.Transports = HttpTransportType.WebSockets | HttpTransportType.LongPolling;
        });
        endpoints.MapMinutes();
        endpoints.MapAccounts();
        return endpoints;
    }
}
