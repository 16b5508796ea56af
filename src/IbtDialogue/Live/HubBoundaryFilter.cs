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
public sealed class HubBoundaryFilter(IAuthorizationService authorization) : IHubFilter
{
    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        var method = invocationContext.HubMethod;
        if (invocationContext.HubMethodArguments.Any(argument => argument is null))
        {
            return Refusal(method, ErrorCodes.BadRequest, "The command is missing.");
        }

        if (method.GetCustomAttribute<FacilitatorOnlyAttribute>() is not null
            && !(await authorization.AuthorizeAsync(invocationContext.Context.User!, AuthPolicies.Facilitator)).Succeeded)
        {
            return Refusal(method, ErrorCodes.Forbidden, "Only a facilitator may do this.");
        }

        return await next(invocationContext);
    }

    private static object Refusal(MethodInfo method, string code, string detail) =>
        method.ReturnType == typeof(Task<SnapshotResult>)
            ? SnapshotResult.Failure(code, detail)
            : CommandResult.Failure(code, detail);
}
