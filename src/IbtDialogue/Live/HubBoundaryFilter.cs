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
/// </summary>
public sealed class HubBoundaryFilter(IAuthorizationService authorization, AccountSessions sessions) : IHubFilter
{
    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        var method = invocationContext.HubMethod;
        if (invocationContext.HubMethodArguments.Any(argument => argument is null))
        {
            return Refusal(method, ErrorCodes.BadRequest, "The command is missing.");
        }

        var caller = invocationContext.Context;
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

        return await next(invocationContext);
    }

    public Task OnConnectedAsync(HubLifetimeContext context, Func<HubLifetimeContext, Task> next)
    {
        sessions.Connected(context.Context);
        return next(context);
    }

    public Task OnDisconnectedAsync(HubLifetimeContext context, Exception? exception, Func<HubLifetimeContext, Exception?, Task> next)
    {
        sessions.Disconnected(context.Context);
        return next(context, exception);
    }

    private static object Refusal(MethodInfo method, string code, string detail) =>
        method.ReturnType == typeof(Task<SnapshotResult>) ? SnapshotResult.Failure(code, detail)
        : method.ReturnType == typeof(Task<CommandResult>) ? CommandResult.Failure(code, detail)
        : method.ReturnType == typeof(Task<NationalPanelResult>) ? NationalPanelResult.Failure(code, detail)
        : throw new InvalidOperationException($"The hub method {method.Name} answers no result type the filter knows.");
}
