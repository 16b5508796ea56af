using System.Reflection;
using IbtDialogue.Accounts;
using IbtDialogue.Protocol;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

namespace IbtDialogue.Live;

/// <summary>Marks a hub method that only a signed-in facilitator account may call (checked by <see cref="HubBoundaryFilter"/>).</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class FacilitatorOnlyAttribute : Attribute;

/// <summary>
/// The hub's front door. It answers, as a normal refusal the client can read by its code, what SignalR would
/// otherwise pass on or throw as an exception with only a message: a missing payload (<c>bad_request</c>)
/// and a facilitator method called by someone who is no facilitator (<c>forbidden</c>). The engine then
/// only ever sees commands that exist; whether the caller facilitates this very dialogue it checks itself.
/// It also keeps one client from slowing every dialogue: a call beyond the caller's token buckets is
/// answered <c>rate_limited</c> before it reaches the single writer, and a participant's connection beyond
/// the cap is closed as it opens (<see cref="HubLimits"/>). A participant whose hub token was made for a
/// closed dialogue may read, not command (<c>dialogue_closed</c>).
/// </summary>
public sealed class HubBoundaryFilter(IAuthorizationService authorization, AccountSessions sessions, HubLimits limits, LocalConnections local, ILogger<HubBoundaryFilter> logger) : IHubFilter
{
    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        var method = invocationContext.HubMethod;
        var caller = invocationContext.Context;

        // First, before anything that costs: a refused call stores nothing and leaves the connection open.
        if (!limits.TryCall(caller.ConnectionId, Actor.From(caller.User)))
        {
            logger.LogDebug("Call {Method} of connection {ConnectionId} answered rate_limited.", method.Name, caller.ConnectionId);
            return Refusal(method, ErrorCodes.RateLimited, "Too many calls in too short a time; wait a moment and send it again.");
        }

        if (invocationContext.HubMethodArguments.Any(argument => argument is null))
        {
            return Refusal(method, ErrorCodes.BadRequest, "The command is missing.");
        }

        if (!await sessions.IsCurrentAsync(caller.User, caller.ConnectionAborted))
        {
            // The account was deactivated or changed after this connection signed in: it ends here.
            caller.Abort();
            return Refusal(method, ErrorCodes.Forbidden, "This sign-in is no longer valid.");
        }

        if (method.GetCustomAttribute<FacilitatorOnlyAttribute>() is not null
            && !(await authorization.AuthorizeAsync(caller.User ?? new System.Security.Claims.ClaimsPrincipal(), AuthPolicies.Facilitator)).Succeeded)
        {
            return Refusal(method, ErrorCodes.Forbidden, "Only a facilitator may do this.");
        }

        if (method.ReturnType == typeof(Task<CommandResult>) && caller.User?.HasClaim(ParticipantTokenHandler.ReadOnlyClaim, "true") == true)
        {
            return Refusal(method, ErrorCodes.DialogueClosed, "The dialogue is closed; its room can be read, not changed.");
        }

        return await next(invocationContext);
    }

    public Task OnConnectedAsync(HubLifetimeContext context, Func<HubLifetimeContext, Task> next)
    {
        var connection = context.Context;
        if (Actor.From(connection.User).ParticipantId is { } participant && !limits.TryOpen(participant, connection.ConnectionId))
        {
            // Thrown here, SignalR closes the connection with this message and tells the client not to reconnect.
            logger.LogWarning("Refused connection {ConnectionId}: participant {Participant} has {Max} connections open already.", connection.ConnectionId, participant, limits.MaxConnectionsPerParticipant);
            throw new HubException($"{ErrorCodes.TooManyConnections}: this participant has {limits.MaxConnectionsPerParticipant} connections open already; close one first.");
        }

        sessions.Connected(connection);
        local.Opened(connection);
        return next(context);
    }

    public Task OnDisconnectedAsync(HubLifetimeContext context, Exception? exception, Func<HubLifetimeContext, Exception?, Task> next)
    {
        // Only a connection that opened gets here (SignalR skips it after a refused OnConnectedAsync).
        limits.Closed(context.Context.ConnectionId, Actor.From(context.Context.User).ParticipantId);

        sessions.Disconnected(context.Context);
        local.Closed(context.Context);
        return next(context, exception);
    }

    private static object Refusal(MethodInfo method, string code, string detail) =>
        method.ReturnType == typeof(Task<SnapshotResult>) ? SnapshotResult.Failure(code, detail)
        : method.ReturnType == typeof(Task<CommandResult>) ? CommandResult.Failure(code, detail)
        : method.ReturnType == typeof(Task<NationalPanelResult>) ? NationalPanelResult.Failure(code, detail)
        : throw new InvalidOperationException($"The hub method {method.Name} answers no result type the filter knows.");
}
