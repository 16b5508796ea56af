using IbtDialogue.Protocol;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace IbtDialogue.Live;

public static class LiveRoomExtensions
{
    /// <summary>The hub and what every room command goes through: the single writer, the access rules, the broadcaster and the coalesced notifier.</summary>
    public static WebApplicationBuilder AddLiveRoom(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(provider => new NodeIdentity(
            provider.GetRequiredService<IConfiguration>()["Node:Name"] is { Length: > 0 } name ? name : Environment.MachineName));
        services.AddSingleton<RoomWriter>();
        services.AddSingleton<RoomCommands>();
        services.AddSingleton<RoomBroadcaster>();
        services.AddSingleton<RoomNotifier>();
        services.AddHostedService(provider => provider.GetRequiredService<RoomNotifier>());

        services.AddSignalR(options =>
            {
                options.MaximumReceiveMessageSize = 32 * 1024;
                // Enough for a laptop lid closed for a while; beyond it the client reconnects and resyncs.
                options.StatefulReconnectBufferSize = 1024 * 1024;
                options.AddFilter<HubBoundaryFilter>();
            })
            .AddJsonProtocol(options => ProtocolJson.Configure(options.PayloadSerializerOptions));
        return builder;
    }

    public static IEndpointRouteBuilder MapLiveRoom(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHub<DialogueHub>(HubContract.Path, options =>
        {
            options.AllowStatefulReconnects = true;
            options.Transports = HttpTransportType.WebSockets | HttpTransportType.LongPolling;
        });
        return endpoints;
    }
}
