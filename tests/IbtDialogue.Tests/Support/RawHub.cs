using IbtDialogue.Protocol;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace IbtDialogue.Tests.Support;

/// <summary>
/// A hub connection without the typed client, to send what no well-behaved client sends: payloads of the
/// wrong shape, unknown enum values, unknown methods.
/// </summary>
public sealed class RawHub : IAsyncDisposable
{
    private readonly HubConnection connection;

    private RawHub(HubConnection connection) => this.connection = connection;

    /// <summary>Connects as a participant, with the short-lived hub token <paramref name="hubToken"/> (<see cref="AppHost.HubTokenAsync"/>).</summary>
    public static async Task<RawHub> ConnectAsync(Uri hubUrl, string? hubToken)
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(hubUrl, options =>
            {
                options.Transports = HttpTransportType.WebSockets;
                options.AccessTokenProvider = () => Task.FromResult(hubToken);
            })
            .AddJsonProtocol(options => ProtocolJson.Configure(options.PayloadSerializerOptions))
            .Build();
        await connection.StartAsync(TestContext.Current.CancellationToken);
        return new RawHub(connection);
    }

    /// <summary>Answers whether the server accepted the invocation, and the refusal's message when it threw one.</summary>
    public async Task<(bool Ok, string? Error)> InvokeAsync(string method, object?[] args)
    {
        try
        {
            await connection.InvokeCoreAsync(method, typeof(object), args, TestContext.Current.CancellationToken);
            return (true, null);
        }
        catch (HubException ex)
        {
            return (false, ex.Message);
        }
    }

    /// <summary>Answers the server's result for a call that binds, as JSON.</summary>
    public Task<T> InvokeAsync<T>(string method, params object?[] args) =>
        connection.InvokeCoreAsync<T>(method, args, TestContext.Current.CancellationToken);

    /// <summary>Answers the <c>error</c> of whatever result the server answered (CommandResult or SnapshotResult).</summary>
    public async Task<string?> ErrorOfAsync(string method, object? argument)
    {
        var answer = (System.Text.Json.JsonElement)(await connection.InvokeCoreAsync(method, typeof(System.Text.Json.JsonElement), [argument], TestContext.Current.CancellationToken))!;
        return answer.GetProperty("error").GetString();
    }

    public ValueTask DisposeAsync() => connection.DisposeAsync();
}
