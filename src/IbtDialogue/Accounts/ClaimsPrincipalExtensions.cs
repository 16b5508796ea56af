using System.Security.Claims;

namespace IbtDialogue.Accounts;

public static class ClaimsPrincipalExtensions
{
    /// <summary>The id of the signed-in facilitator account (pages behind the facilitator policy always have one).</summary>
    public static string FacilitatorId(this ClaimsPrincipal user) =>
        user.FindFirstValue(ClaimTypes.NameIdentifier) ?? throw new InvalidOperationException("No facilitator is signed in.");
}
