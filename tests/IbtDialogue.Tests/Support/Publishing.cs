using IbtDialogue.Minutes;

namespace IbtDialogue.Tests.Support;

/// <summary>Publishing in tests whose subject is what publication leads to, not the approval itself.</summary>
public static class Publishing
{
    /// <summary>
    /// Publishes a text as four eyes requires (Publication:RequireSecondApproval, on by default): the proposer
    /// submits it, and a second reader who is not the proposer approves exactly that text — by the hash the review
    /// shows, as the approval page does. <paramref name="approverIsAdministrator"/> stands for what the page's
    /// administrator policy decides; without a web request the service is told. Answers the proposal's outcome
    /// (Published once approved, else the refusal).
    /// </summary>
    public static async Task<PublishResult> PublishApprovedAsync(
        this PublicationService publications, int dialogueId, string proposerId, string approverId, string markdown, bool approverIsAdministrator = true)
    {
        var ct = TestContext.Current.CancellationToken;
        var proposed = await publications.PublishAsync(dialogueId, proposerId, markdown, ct);
        if (proposed.Outcome != PublishOutcome.Proposed)
        {
            return proposed;
        }

        var approver = new Approver(approverId, approverIsAdministrator);
        var review = await publications.ReviewAsync(proposed.ProposalId!.Value, approver, ct);
        Assert.NotNull(review);
        var decision = await publications.ApproveAsync(proposed.ProposalId.Value, review.Proposal.Hash, approver, ct);
        Assert.True(decision.Outcome == DecisionOutcome.Approved, $"Approval refused: {decision.Outcome} {string.Join(", ", decision.Names)}");
        return new PublishResult(PublishOutcome.Published, [], decision.SummaryId, proposed.ProposalId);
    }
}
