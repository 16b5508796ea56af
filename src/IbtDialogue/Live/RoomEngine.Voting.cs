using IbtDialogue.Client.Protocol;
using IbtDialogue.Dialogues;
using Microsoft.EntityFrameworkCore;

namespace IbtDialogue.Live;

// Risks and the vote on them. A vote itself is secret: it is committed without a room version or
// broadcast, and nothing about the tally leaves the server before the facilitator reveals the results.
public sealed partial class RoomEngine
{
    /// <summary>A facilitator adds or edits a risk (on the list at once); a participant proposes one.</summary>
    public Task<RoomOutcome> SaveRiskAsync(SaveRisk? command, Actor actor, CancellationToken cancellationToken)
    {
        if (command is null)
        {
            return Task.FromResult(RoomOutcome.Fail(ErrorCodes.BadRequest, "A risk needs a commandId, dialogueId, themeId and title."));
        }

        var title = TextRules.NormalizeLine(command.Title);
        var description = TextRules.Normalize(command.Description);
        if (TextRules.Check(title, HubContract.MaxRiskTitleLength) is { } titleError)
        {
            return Task.FromResult(RoomOutcome.Fail(titleError, "A risk has a title of 1 to 300 characters."));
        }

        if (description.Length > HubContract.MaxGoalLength)
        {
            return Task.FromResult(RoomOutcome.Fail(ErrorCodes.TextTooLong, "A description has at most 1000 characters."));
        }

        return MemberCommandAsync(command.CommandId, command.DialogueId, actor, async (change, access) =>
        {
            var db = change.Db;
            var theme = await db.Themes.SingleOrDefaultAsync(t => t.Id == command.ThemeId && t.DialogueId == command.DialogueId, cancellationToken);
            if (theme is null)
            {
                return RoomOutcome.Fail(ErrorCodes.NotFound, "No such theme in this dialogue.");
            }

            Risk risk;
            if (!access.IsFacilitator)
            {
                if (command.RiskId is not null)
                {
                    return RoomOutcome.Fail(ErrorCodes.Forbidden, "Participants propose risks; facilitators change them.");
                }

                if (InputRefusal(change.Dialogue, theme.Id, Phase.RiskWeighing) is { } closed)
                {
                    return closed;
                }

                risk = await NewRiskAsync(change, theme.Id, title, RiskStatus.Proposed, cancellationToken);
                risk.ProposedByParticipantId = access.ParticipantId;
            }
            else if (command.RiskId is { } id)
            {
                risk = (await db.Risks.SingleOrDefaultAsync(r => r.Id == id && r.ThemeId == theme.Id, cancellationToken))!;
                if (risk is null)
                {
                    return RoomOutcome.Fail(ErrorCodes.NotFound, "No such risk on this theme.");
                }

                if (theme.VoteState != VoteState.NotStarted)
                {
                    return RoomOutcome.Fail(ErrorCodes.RiskLocked, "Risks do not change once the vote has started.");
                }
            }
            else
            {
                if (theme.VoteState != VoteState.NotStarted)
                {
                    return RoomOutcome.Fail(ErrorCodes.RiskLocked, "Risks do not change once the vote has started.");
                }

                risk = await NewRiskAsync(change, theme.Id, title, RiskStatus.Accepted, cancellationToken);
            }

            risk.Title = title;
            risk.Description = description.Length == 0 ? null : description;
            await change.SaveAsync(cancellationToken);
            change.Created(risk.Id);
            var (facilitators, room) = RoomViews.RisksDelta([risk]);
            change.Announce(facilitators, room);
            return null;
        }, cancellationToken);
    }

    private static async Task<Risk> NewRiskAsync(RoomChange change, int themeId, string title, RiskStatus status, CancellationToken cancellationToken)
    {
        var last = await change.Db.Risks.Where(r => r.ThemeId == themeId).MaxAsync(r => (int?)r.Position, cancellationToken) ?? 0;
        var risk = new Risk { DialogueId = change.Dialogue.Id, ThemeId = themeId, Title = title, Status = status, CreatedAt = change.Now, Position = last + 1 };
        change.Db.Risks.Add(risk);
        return risk;
    }

    public Task<RoomOutcome> DecideRiskAsync(DecideRisk? command, Actor actor, CancellationToken cancellationToken) =>
        FacilitatorCommandAsync(command?.CommandId, command?.DialogueId, actor, async change =>
        {
            var risk = await change.Db.Risks.SingleOrDefaultAsync(r => r.Id == command!.RiskId && r.DialogueId == command.DialogueId, cancellationToken);
            if (risk is null)
            {
                return RoomOutcome.Fail(ErrorCodes.NotFound, "No such risk in this dialogue.");
            }

            if (risk.Status != RiskStatus.Proposed)
            {
                return RoomOutcome.Fail(ErrorCodes.RiskLocked, "Only a proposal is accepted or rejected.");
            }

            var theme = await change.Db.Themes.SingleAsync(t => t.Id == risk.ThemeId, cancellationToken);
            if (command!.Accept && theme.VoteState != VoteState.NotStarted)
            {
                return RoomOutcome.Fail(ErrorCodes.RiskLocked, "Risks do not change once the vote has started.");
            }

            risk.Status = command.Accept ? RiskStatus.Accepted : RiskStatus.Rejected;
            await change.SaveAsync(cancellationToken);
            var (facilitators, room) = RoomViews.RisksDelta([risk]);
            change.Announce(facilitators, room);
            return null;
        }, cancellationToken);

    public Task<RoomOutcome> RemoveRiskAsync(RiskCommand? command, Actor actor, CancellationToken cancellationToken) =>
        FacilitatorCommandAsync(command?.CommandId, command?.DialogueId, actor, async change =>
        {
            var risk = await change.Db.Risks.SingleOrDefaultAsync(r => r.Id == command!.RiskId && r.DialogueId == command.DialogueId, cancellationToken);
            if (risk is null)
            {
                return RoomOutcome.Fail(ErrorCodes.NotFound, "No such risk in this dialogue.");
            }

            if (await change.Db.Themes.AnyAsync(t => t.Id == risk.ThemeId && t.VoteState != VoteState.NotStarted, cancellationToken))
            {
                return RoomOutcome.Fail(ErrorCodes.RiskLocked, "Risks do not change once the vote has started.");
            }

            change.Db.Risks.Remove(risk);
            await change.SaveAsync(cancellationToken);
            change.AnnounceToAll(new RoomDelta(RemovedRisks: [risk.Id]));
            return null;
        }, cancellationToken);

    public Task<RoomOutcome> ConfigureVotingAsync(ConfigureVoting? command, Actor actor, CancellationToken cancellationToken)
    {
        if (command is not null && !Enum.IsDefined(command.Method))
        {
            return Task.FromResult(RoomOutcome.Fail(ErrorCodes.BadRequest, "Unknown vote method."));
        }

        if (command is not null && (command.Budget is < 1 or > HubContract.MaxDotBudget || command.Cap < 1 || command.Cap > command.Budget))
        {
            return Task.FromResult(RoomOutcome.Fail(ErrorCodes.InvalidVote, "A budget of 1 to 50 points and a cap of 1 up to the budget."));
        }

        return VotingCommandAsync(command?.CommandId, command?.DialogueId, command?.ThemeId, actor, theme =>
        {
            if (theme.VoteState != VoteState.NotStarted)
            {
                return ErrorCodes.VotingState;
            }

            if ((theme.VoteMethod, theme.DotBudget, theme.DotCap) == (command!.Method, command.Budget, command.Cap))
            {
                return "";
            }

            (theme.VoteMethod, theme.DotBudget, theme.DotCap) = (command.Method, command.Budget, command.Cap);
            return null;
        }, cancellationToken);
    }

    public Task<RoomOutcome> OpenVotingAsync(VotingCommand? command, Actor actor, CancellationToken cancellationToken) =>
        VotingCommandAsync(command?.CommandId, command?.DialogueId, command?.ThemeId, actor, theme => theme.VoteState switch
        {
            VoteState.Open => "",
            VoteState.Closed => ErrorCodes.VotingState,
            _ => Set(() => theme.VoteState = VoteState.Open),
        }, cancellationToken, needsOpenDialogue: true);

    public Task<RoomOutcome> CloseVotingAsync(VotingCommand? command, Actor actor, CancellationToken cancellationToken) =>
        VotingCommandAsync(command?.CommandId, command?.DialogueId, command?.ThemeId, actor, theme => theme.VoteState switch
        {
            VoteState.Closed => "",
            VoteState.NotStarted => ErrorCodes.VotingState,
            _ => Set(() => theme.VoteState = VoteState.Closed),
        }, cancellationToken);

    public Task<RoomOutcome> RevealResultsAsync(VotingCommand? command, Actor actor, CancellationToken cancellationToken) =>
        VotingCommandAsync(command?.CommandId, command?.DialogueId, command?.ThemeId, actor, theme =>
            theme.VoteState != VoteState.Closed ? ErrorCodes.VotingState
            : theme.ResultsRevealed ? ""
            : Set(() => theme.ResultsRevealed = true), cancellationToken);

    private static string? Set(Action apply)
    {
        apply();
        return null;
    }

    /// <summary>Runs a facilitator's change of a theme's vote; the change answers null (done), "" (nothing to do) or an error code.</summary>
    private Task<RoomOutcome> VotingCommandAsync(
        Guid? commandId, int? dialogueId, int? themeId, Actor actor, Func<Theme, string?> apply, CancellationToken cancellationToken, bool needsOpenDialogue = false) =>
        FacilitatorCommandAsync(commandId, dialogueId, actor, async change =>
        {
            var theme = await change.Db.Themes.SingleOrDefaultAsync(t => t.Id == themeId && t.DialogueId == dialogueId, cancellationToken);
            if (theme is null)
            {
                return RoomOutcome.Fail(ErrorCodes.NotFound, "No such theme in this dialogue.");
            }

            if (needsOpenDialogue && change.Dialogue.Status != DialogueStatus.Open)
            {
                return RoomOutcome.Fail(ErrorCodes.DialogueNotOpen, "The dialogue has not been opened yet.");
            }

            switch (apply(theme))
            {
                case "":
                    return change.Unchanged();
                case { } error:
                    return RoomOutcome.Fail(error, "The vote is not in a state that allows this.");
            }

            await change.SaveAsync(cancellationToken);
            change.AnnounceToAll(new RoomDelta(Votings: [await RoomViews.VotingAsync(change.Db, theme, cancellationToken)]));
            return null;
        }, cancellationToken);

    /// <summary>Puts points on a risk. The budget and the cap hold whatever the timing: ballots are checked inside the single writer.</summary>
    public Task<RoomOutcome> CastDotsAsync(CastDots? command, Actor actor, CancellationToken cancellationToken)
    {
        if (command is { Points: < 0 })
        {
            return Task.FromResult(RoomOutcome.Fail(ErrorCodes.InvalidVote, "Points cannot be negative."));
        }

        return BallotCommandAsync(command?.CommandId, command?.DialogueId, command?.ThemeId, command?.RiskId, actor, VoteMethod.Dots, async (change, theme, participantId) =>
        {
            if (command!.Points > theme.DotCap)
            {
                return RoomOutcome.Fail(ErrorCodes.OverCap, "More points than the cap on one risk.");
            }

            var db = change.Db;
            var elsewhere = await db.Votes.Where(v => v.ThemeId == theme.Id && v.ParticipantId == participantId && v.RiskId != command.RiskId).SumAsync(v => v.Points, cancellationToken);
            if (elsewhere + command.Points > theme.DotBudget)
            {
                return RoomOutcome.Fail(ErrorCodes.OverBudget, "More points than the budget.");
            }

            var vote = await db.Votes.SingleOrDefaultAsync(v => v.RiskId == command.RiskId && v.ParticipantId == participantId, cancellationToken);
            if (command.Points == 0)
            {
                if (vote is not null)
                {
                    db.Votes.Remove(vote);
                }
            }
            else
            {
                vote ??= db.Votes.Add(new Vote { DialogueId = change.Dialogue.Id, ThemeId = theme.Id, RiskId = command.RiskId, ParticipantId = participantId }).Entity;
                vote.Points = command.Points;
                vote.CastAt = change.Now;
            }

            return change.CommitQuietly();
        }, cancellationToken);
    }

    public Task<RoomOutcome> RateRiskAsync(RateRisk? command, Actor actor, CancellationToken cancellationToken)
    {
        if (command is { Likelihood: < 1 or > 5 } or { Impact: < 1 or > 5 })
        {
            return Task.FromResult(RoomOutcome.Fail(ErrorCodes.InvalidVote, "Likelihood and impact are rated 1 to 5."));
        }

        return BallotCommandAsync(command?.CommandId, command?.DialogueId, command?.ThemeId, command?.RiskId, actor, VoteMethod.Matrix, async (change, theme, participantId) =>
        {
            var db = change.Db;
            var vote = await db.Votes.SingleOrDefaultAsync(v => v.RiskId == command!.RiskId && v.ParticipantId == participantId, cancellationToken)
                ?? db.Votes.Add(new Vote { DialogueId = change.Dialogue.Id, ThemeId = theme.Id, RiskId = command!.RiskId, ParticipantId = participantId }).Entity;
            vote.Likelihood = command!.Likelihood;
            vote.Impact = command.Impact;
            vote.CastAt = change.Now;
            return change.CommitQuietly();
        }, cancellationToken);
    }

    /// <summary>Checks what every vote needs: a participant (not an observer or facilitator), an open vote of this method, a listed risk of this theme.</summary>
    private Task<RoomOutcome> BallotCommandAsync(
        Guid? commandId, int? dialogueId, int? themeId, int? riskId, Actor actor, VoteMethod method,
        Func<RoomChange, Theme, int, Task<RoomOutcome?>> body, CancellationToken cancellationToken)
    {
        if (commandId is null || dialogueId is null || themeId is null || riskId is null)
        {
            return Task.FromResult(RoomOutcome.Fail(ErrorCodes.BadRequest, "A vote needs a commandId, dialogueId, themeId and riskId."));
        }

        return MemberCommandAsync(commandId, dialogueId, actor, async (change, access) =>
        {
            if (access.ParticipantRole != RoomRole.Participant)
            {
                return RoomOutcome.Fail(ErrorCodes.Forbidden, "Participants vote; facilitators and observers do not.");
            }

            var theme = await change.Db.Themes.SingleOrDefaultAsync(t => t.Id == themeId && t.DialogueId == dialogueId, cancellationToken);
            if (theme is null || !await change.Db.Risks.AnyAsync(r => r.Id == riskId && r.ThemeId == themeId && r.Status == RiskStatus.Accepted, cancellationToken))
            {
                return RoomOutcome.Fail(ErrorCodes.NotFound, "No such risk on this theme's list.");
            }

            if (theme.VoteState != VoteState.Open)
            {
                return RoomOutcome.Fail(ErrorCodes.VotingClosed, "The vote on this theme is not open.");
            }

            if (theme.VoteMethod != method)
            {
                return RoomOutcome.Fail(ErrorCodes.WrongMethod, "This theme is voted on with the other method.");
            }

            return await body(change, theme, access.ParticipantId!.Value);
        }, cancellationToken);
    }
}
