using System.Security.Claims;

namespace IbtDialogue.Accounts;

public static class ClaimsPrincipalExtensions
{
    /// <summary>The id of the signed-in facilitator account (pages behind the facilitator policy always have one).</summary>
    public static string FacilitatorId(this ClaimsPrincipal user) =>
        user.FindFirstValue(ClaimTypes.NameIdentifier) ?? throw new InvalidOperationException("No facilitator is signed in.");
}

/// <summary>Who reads a dialogue's record: its facilitators may, and an analyst may read every closed dialogue.</summary>
public sealed record RecordReader(string UserId, bool IsAnalyst)
{
    public static RecordReader Of(ClaimsPrincipal user) => new(user.FacilitatorId(), user.IsInRole(Roles.Analyst));

    public static RecordReader Facilitator(string userId) => new(userId, IsAnalyst: false);
}
