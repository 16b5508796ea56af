using System.Security.Cryptography;
using IbtDialogue.Dialogues;
using IbtDialogue.Live;
using IbtDialogue.Protocol;
using IbtDialogue.Persistence;
using Microsoft.EntityFrameworkCore;

namespace IbtDialogue.Voting;

/// <summary>
/// Risks and the vote on them. A vote itself is secret: it is committed without a room version or
/// broadcast, and nothing about the tally leaves the server before the facilitator reveals the results.
/// </summary>
public sealed class VotingCommands(RoomCommands room)
{
    private static readonly CommandOutcome.Refused RisksLocked = CommandOutcome.Refuse(ErrorCodes.RiskLocked, "Risks do not change once the vote has started.");

    /// <summary>A facilitator adds or edits a risk (on the list at once); a participant proposes one, before the vote starts.</summary>
    public Task<CommandReply> SaveRiskAsync(SaveRisk command, Actor actor, CancellationToken cancellationToken)
    {
        var title = TextRules.NormalizeLine(command.Title);
        var description = TextRules.Normalize(command.Description);
        if (TextRules.Check(title, HubContract.MaxRiskTitleLength) is { } titleError)
        {
            return CommandReply.Refused(CommandOutcome.TextRefused(titleError, "A risk's title", HubContract.MaxRiskTitleLength));
        }

        if (description.Length > HubContract.MaxRiskDescriptionLength)
        {
            return CommandReply.Refused(CommandOutcome.TextRefused(ErrorCodes.TextTooLong, "A risk's description", HubContract.MaxRiskDescriptionLength));
        }

        return room.AsMemberAsync(command, actor, async (change, access) =>
        {
            var db = change.Db;
            var theme = await db.Themes.SingleOrDefaultAsync(t => t.Id == command.ThemeId && t.DialogueId == command.DialogueId, cancellationToken);
            if (theme is null)
            {
                return CommandOutcome.Refuse(ErrorCodes.NotFound, "No such theme in this dialogue.");
            }

            Risk risk;
            if (!access.IsFacilitator)
            {
                if (command.RiskId is not null)
                {
                    return CommandOutcome.Refuse(ErrorCodes.Forbidden, "Participants propose risks; facilitators change them.");
                }

                if (RoomCommands.InputRefusal(change.Dialogue, theme.Id, Phase.RiskWeighing) is { } closed)
                {
                    return closed;
                }

                if (theme.VoteState != VoteState.NotStarted)
                {
                    return RisksLocked;
                }

                risk = await NewRiskAsync(change, theme.Id, title, RiskStatus.Proposed, cancellationToken);
                risk.ProposedByParticipantId = access.ParticipantId;
            }
            else if (command.RiskId is { } id)
            {
                var existing = await db.Risks.SingleOrDefaultAsync(r => r.Id == id && r.ThemeId == theme.Id, cancellationToken);
                if (existing is null)
                {
                    return CommandOutcome.Refuse(ErrorCodes.NotFound, "No such risk on this theme.");
                }

                if (theme.VoteState != VoteState.NotStarted)
                {
                    return RisksLocked;
                }

                risk = existing;
            }
            else
            {
                if (theme.VoteState != VoteState.NotStarted)
                {
                    return RisksLocked;
                }

                risk = await NewRiskAsync(change, theme.Id, title, RiskStatus.Accepted, cancellationToken);
            }

            risk.Title = title;
            risk.Description = description.Length == 0 ? null : description;
            await change.SaveAsync(cancellationToken);
            var (facilitators, roomView) = VotingViews.RisksDelta([risk]);
            return CommandOutcome.Commit(facilitators, roomView, risk.Id);
        }, cancellationToken);
    }

    /// <summary>A facilitator adds a risk of the national catalogue to a theme of the framework, before its vote starts.</summary>
    public Task<CommandReply> AddCatalogueRiskAsync(AddCatalogueRisk command, Actor actor, CancellationToken cancellationToken) =>
        room.AsFacilitatorAsync(command, actor, async change =>
        {
            var db = change.Db;
            var theme = await db.Themes.SingleOrDefaultAsync(t => t.Id == command.ThemeId && t.DialogueId == command.DialogueId, cancellationToken);
            if (theme is null)
            {
                return CommandOutcome.Refuse(ErrorCodes.NotFound, "No such theme in this dialogue.");
            }

            if (theme.ThemeKey is null)
            {
                return CommandOutcome.Refuse(ErrorCodes.NotNational, "This theme is not a theme of the supervision framework.");
            }

            if (theme.VoteState != VoteState.NotStarted)
            {
                return RisksLocked;
            }

            var catalogue = await db.CatalogueRisks.AsNoTracking().SingleOrDefaultAsync(
                c => c.Id == command.CatalogueRiskId && c.Domain == change.Dialogue.Domain && c.ThemeKey == theme.ThemeKey && !c.Retired, cancellationToken);
            if (catalogue is null)
            {
                return CommandOutcome.Refuse(ErrorCodes.NotFound, "No such risk in the national catalogue for this theme.");
            }

            if (await db.Risks.AnyAsync(r => r.ThemeId == theme.Id && r.CatalogueRiskId == catalogue.Id && r.Status != RiskStatus.Rejected, cancellationToken))
            {
                return CommandOutcome.Refuse(ErrorCodes.RiskExists, "This catalogue risk is on the theme's list already.");
            }

            var risk = await NewRiskAsync(change, theme.Id, catalogue.Title, RiskStatus.Accepted, cancellationToken);
            risk.Description = catalogue.Explanation is { Length: > HubContract.MaxRiskDescriptionLength } explanation ? explanation[..HubContract.MaxRiskDescriptionLength] : catalogue.Explanation;
            risk.CatalogueRiskId = catalogue.Id;
            await change.SaveAsync(cancellationToken);
            var (facilitators, roomView) = VotingViews.RisksDelta([risk]);
            return CommandOutcome.Commit(facilitators, roomView, risk.Id);
        }, cancellationToken);

    private static async Task<Risk> NewRiskAsync(RoomChange change, int themeId, string title, RiskStatus status, CancellationToken cancellationToken)
    {
        var last = await change.Db.Risks.Where(r => r.ThemeId == themeId).MaxAsync(r => (int?)r.Position, cancellationToken) ?? 0;
        var risk = new Risk { DialogueId = change.Dialogue.Id, ThemeId = themeId, Title = title, Status = status, CreatedAt = change.Now, Position = last + 1 };
        change.Db.Risks.Add(risk);
        return risk;
    }

    public Task<CommandReply> DecideRiskAsync(DecideRisk command, Actor actor, CancellationToken cancellationToken) =>
        room.AsFacilitatorAsync(command, actor, async change =>
        {
            var risk = await change.Db.Risks.SingleOrDefaultAsync(r => r.Id == command.RiskId && r.DialogueId == command.DialogueId, cancellationToken);
            if (risk is null)
            {
                return CommandOutcome.Refuse(ErrorCodes.NotFound, "No such risk in this dialogue.");
            }

            if (risk.Status != RiskStatus.Proposed)
            {
                return CommandOutcome.Refuse(ErrorCodes.RiskLocked, "Only a proposal is accepted or rejected.");
            }

            var theme = await change.Db.Themes.SingleAsync(t => t.Id == risk.ThemeId, cancellationToken);
            if (command.Accept && theme.VoteState != VoteState.NotStarted)
            {
                return RisksLocked;
            }

            risk.Status = command.Accept ? RiskStatus.Accepted : RiskStatus.Rejected;
            await change.SaveAsync(cancellationToken);
            var (facilitators, roomView) = VotingViews.RisksDelta([risk]);
            return CommandOutcome.Commit(facilitators, roomView);
        }, cancellationToken);

    public Task<CommandReply> RemoveRiskAsync(RiskCommand command, Actor actor, CancellationToken cancellationToken) =>
        room.AsFacilitatorAsync(command, actor, async change =>
        {
            var risk = await change.Db.Risks.SingleOrDefaultAsync(r => r.Id == command.RiskId && r.DialogueId == command.DialogueId, cancellationToken);
            if (risk is null)
            {
                return CommandOutcome.Refuse(ErrorCodes.NotFound, "No such risk in this dialogue.");
            }

            if (await change.Db.Themes.AnyAsync(t => t.Id == risk.ThemeId && t.VoteState != VoteState.NotStarted, cancellationToken))
            {
                return RisksLocked;
            }

            change.Db.Risks.Remove(risk);
            await change.SaveAsync(cancellationToken);
            return CommandOutcome.CommitToAll(new RoomDelta(RemovedRisks: [risk.Id]));
        }, cancellationToken);

    public Task<CommandReply> ConfigureVotingAsync(ConfigureVoting command, Actor actor, CancellationToken cancellationToken)
    {
        if (InvalidSettings(command.Method, command.Budget, command.Cap) is { } refused)
        {
            return refused;
        }

        return ThemeVoteCommandAsync(command, command.ThemeId, actor, async (change, theme) =>
        {
            if (theme.VoteState != VoteState.NotStarted)
            {
                return NotInThisState;
            }

            if ((theme.VoteMethod, theme.DotBudget, theme.DotCap) == (command.Method, command.Budget, command.Cap))
            {
                return CommandOutcome.NoChange;
            }

            (theme.VoteMethod, theme.DotBudget, theme.DotCap) = (command.Method, command.Budget, command.Cap);
            return await AnnounceAsync(change, theme, cancellationToken);
        }, cancellationToken);
    }

    /// <summary>
    /// Opens the vote with the settings on the facilitator's form: what they chose is what opens, without a save
    /// step that could be forgotten. An open vote is left as it is (the settings of a replay or of a second
    /// facilitator's press do not change a vote already running).
    /// </summary>
    public Task<CommandReply> OpenVotingAsync(OpenVoting command, Actor actor, CancellationToken cancellationToken)
    {
        if (InvalidSettings(command.Method, command.Budget, command.Cap) is { } refused)
        {
            return refused;
        }

        return ThemeVoteCommandAsync(command, command.ThemeId, actor, async (change, theme) =>
        {
            if (change.Dialogue.Status != DialogueStatus.Open)
            {
                return CommandOutcome.Refuse(ErrorCodes.DialogueNotOpen, "The dialogue has not been opened yet.");
            }

            switch (theme.VoteState)
            {
                case VoteState.Open:
                    return CommandOutcome.NoChange;
                case VoteState.Closed:
                    return NotInThisState;
                default:
                    (theme.VoteMethod, theme.DotBudget, theme.DotCap) = (command.Method, command.Budget, command.Cap);
                    theme.VoteState = VoteState.Open;
                    return await AnnounceAsync(change, theme, cancellationToken);
            }
        }, cancellationToken);
    }

    private static Task<CommandReply>? InvalidSettings(VoteMethod method, int budget, int cap) =>
        !Enum.IsDefined(method) ? CommandReply.Refused(ErrorCodes.BadRequest, "Unknown vote method.")
        : budget is < 1 or > HubContract.MaxDotBudget || cap < 1 || cap > budget
            ? CommandReply.Refused(ErrorCodes.InvalidVote, $"A budget of 1 to {HubContract.MaxDotBudget} points and a cap of 1 up to the budget.")
            : null;

    public Task<CommandReply> CloseVotingAsync(VotingCommand command, Actor actor, CancellationToken cancellationToken) =>
        ThemeVoteCommandAsync(command, command.ThemeId, actor, async (change, theme) =>
        {
            switch (theme.VoteState)
            {
                case VoteState.Closed:
                    return CommandOutcome.NoChange;
                case VoteState.NotStarted:
                    return NotInThisState;
                default:
                    theme.VoteState = VoteState.Closed;
                    return await AnnounceAsync(change, theme, cancellationToken);
            }
        }, cancellationToken);

    public Task<CommandReply> RevealResultsAsync(VotingCommand command, Actor actor, CancellationToken cancellationToken) =>
        ThemeVoteCommandAsync(command, command.ThemeId, actor, async (change, theme) =>
        {
            if (theme.VoteState != VoteState.Closed)
            {
                return NotInThisState;
            }

            if (theme.ResultsRevealed)
            {
                return CommandOutcome.NoChange;
            }

            theme.ResultsRevealed = true;
            await SealBallotsAsync(change.Db, theme.Id, change.Now, cancellationToken);
            return await AnnounceAsync(change, theme, cancellationToken);
        }, cancellationToken);

    private static readonly CommandOutcome.Refused NotInThisState = CommandOutcome.Refuse(ErrorCodes.VotingState, "The vote is not in a state that allows this.");

    /// <summary>Runs a facilitator's change of the vote of one theme of the dialogue.</summary>
    private Task<CommandReply> ThemeVoteCommandAsync(
        IRoomCommand command, int themeId, Actor actor, Func<RoomChange, Theme, Task<CommandOutcome>> body, CancellationToken cancellationToken) =>
        room.AsFacilitatorAsync(command, actor, async change =>
        {
            var theme = await change.Db.Themes.SingleOrDefaultAsync(t => t.Id == themeId && t.DialogueId == command.DialogueId, cancellationToken);
            return theme is null ? CommandOutcome.Refuse(ErrorCodes.NotFound, "No such theme in this dialogue.") : await body(change, theme);
        }, cancellationToken);

    /// <summary>Every change of a vote (its settings, its state, its results) is the same for everyone.</summary>
    private static async Task<CommandOutcome> AnnounceAsync(RoomChange change, Theme theme, CancellationToken cancellationToken)
    {
        await change.SaveAsync(cancellationToken);
        return CommandOutcome.CommitToAll(new RoomDelta(Votings: [await VotingViews.VotingAsync(change.Db, theme, cancellationToken)]));
    }

    /// <summary>
    /// Puts points on a risk. The budget and the cap hold whatever the timing: ballots are checked inside the
    /// single writer. A vote over both the cap and the budget is refused as <c>over_cap</c>.
    /// </summary>
    public Task<CommandReply> CastDotsAsync(CastDots command, Actor actor, CancellationToken cancellationToken)
    {
        if (command.Points < 0)
        {
            return CommandReply.Refused(ErrorCodes.InvalidVote, "Points cannot be negative.");
        }

        return BallotCommandAsync(command, command.ThemeId, command.RiskId, actor, VoteMethod.Dots, async (change, theme, voter) =>
        {
            if (command.Points > theme.DotCap)
            {
                return CommandOutcome.Refuse(ErrorCodes.OverCap, "More points than the cap on one risk.");
            }

            // The voter's whole ballot of this theme in one read: the points elsewhere, this risk's vote, the ballot number.
            var db = change.Db;
            var ballot = await BallotOf.For(db)(db, theme.Id, voter.ParticipantId).ToListAsync(cancellationToken);
            if (ballot.Where(v => v.RiskId != command.RiskId).Sum(v => v.Points) + command.Points > theme.DotBudget)
            {
                return CommandOutcome.Refuse(ErrorCodes.OverBudget, "More points than the budget.");
            }

            var vote = ballot.SingleOrDefault(v => v.RiskId == command.RiskId);
            if (command.Points == 0)
            {
                if (vote is not null)
                {
                    db.Votes.Remove(vote);
                }
            }
            else
            {
                vote ??= await NewVoteAsync(change, theme, command.RiskId, voter, ballot.FirstOrDefault()?.Ballot, cancellationToken);
                vote.Points = command.Points;
                vote.CastAt = change.Now;
            }

            return CommandOutcome.CommitQuietly();
        }, cancellationToken);
    }

    public Task<CommandReply> RateRiskAsync(RateRisk command, Actor actor, CancellationToken cancellationToken)
    {
        if (command is { Likelihood: < 1 or > 5 } or { Impact: < 1 or > 5 })
        {
            return CommandReply.Refused(ErrorCodes.InvalidVote, "Likelihood and impact are rated 1 to 5.");
        }

        return BallotCommandAsync(command, command.ThemeId, command.RiskId, actor, VoteMethod.Matrix, async (change, theme, voter) =>
        {
            var ballot = await BallotOf.For(change.Db)(change.Db, theme.Id, voter.ParticipantId).ToListAsync(cancellationToken);
            var vote = ballot.SingleOrDefault(v => v.RiskId == command.RiskId)
                ?? await NewVoteAsync(change, theme, command.RiskId, voter, ballot.FirstOrDefault()?.Ballot, cancellationToken);
            vote.Likelihood = command.Likelihood;
            vote.Impact = command.Impact;
            vote.CastAt = change.Now;
            return CommandOutcome.CommitQuietly();
        }, cancellationToken);
    }

    /// <summary>A participant's votes on one theme (tracked: the command changes them).</summary>
    private static readonly CompiledQuery<Func<DialogueDb, int, int, IAsyncEnumerable<Vote>>> BallotOf = new(() => EF.CompileAsyncQuery<DialogueDb, int, int, Vote>(
        (db, themeId, participantId) => db.Votes.Where(v => v.ThemeId == themeId && v.ParticipantId == participantId)));

    /// <summary>
    /// A participant's vote on another risk of the theme: on their ballot of the theme (a random number, drawn
    /// at their first vote), with the municipality they speak for.
    /// </summary>
    private static async Task<Vote> NewVoteAsync(RoomChange change, Theme theme, int riskId, Voter voter, int? ballot, CancellationToken cancellationToken)
    {
        var db = change.Db;
        if (ballot is null)
        {
            var taken = await db.Votes.Where(v => v.ThemeId == theme.Id).Select(v => v.Ballot).Distinct().ToListAsync(cancellationToken);
            do
            {
                ballot = RandomNumberGenerator.GetInt32(1, int.MaxValue);
            }
            while (taken.Contains(ballot.Value));
        }

        return db.Votes.Add(new Vote
        {
            DialogueId = change.Dialogue.Id, ThemeId = theme.Id, RiskId = riskId, ParticipantId = voter.ParticipantId, Ballot = ballot.Value, Municipality = voter.Municipality,
        }).Entity;
    }

    /// <summary>
    /// Makes a theme's ballots secret: its votes lose their link to the participants (new rows in a random order,
    /// with one time), keeping the ballot numbers, points, ratings and municipalities. Done at the reveal and when
    /// the dialogue closes; results do not change.
    /// </summary>
    public static async Task SealBallotsAsync(DialogueDb db, int themeId, DateTime now, CancellationToken cancellationToken)
    {
        var votes = await db.Votes.Where(v => v.ThemeId == themeId && v.ParticipantId != null).ToListAsync(cancellationToken);
        if (votes.Count == 0)
        {
            return;
        }

        db.Votes.RemoveRange(votes);
        await db.SaveChangesAsync(cancellationToken);
        var shuffled = votes.ToArray();
        RandomNumberGenerator.Shuffle(shuffled.AsSpan());
        db.Votes.AddRange(shuffled.Select(v => new Vote
        {
            DialogueId = v.DialogueId, ThemeId = v.ThemeId, RiskId = v.RiskId, Ballot = v.Ballot, Municipality = v.Municipality,
            Points = v.Points, Likelihood = v.Likelihood, Impact = v.Impact, CastAt = now,
        }));
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Checks what every vote needs: a participant (not an observer or facilitator), an open vote of this method, a listed risk of this theme.</summary>
    private Task<CommandReply> BallotCommandAsync(
        IRoomCommand command, int themeId, int riskId, Actor actor, VoteMethod method,
        Func<RoomChange, Theme, Voter, Task<CommandOutcome>> body, CancellationToken cancellationToken) =>
        room.AsMemberAsync(command, actor, async (change, access) =>
        {
            if (access.ParticipantRole != RoomRole.Participant)
            {
                return CommandOutcome.Refuse(ErrorCodes.Forbidden, "Participants vote; facilitators and observers do not.");
            }

            var participantId = access.ParticipantId!.Value;
            var found = await ThemeOfVote.For(change.Db)(change.Db, themeId, command.DialogueId, riskId, participantId, cancellationToken);
            if (found is not { RiskListed: true })
            {
                return CommandOutcome.Refuse(ErrorCodes.NotFound, "No such risk on this theme's list.");
            }

            var theme = found.Theme;
            if (theme.VoteState != VoteState.Open)
            {
                return CommandOutcome.Refuse(ErrorCodes.VotingClosed, "The vote on this theme is not open.");
            }

            if (theme.VoteMethod != method)
            {
                return CommandOutcome.Refuse(ErrorCodes.WrongMethod, "This theme is voted on with the other method.");
            }

            return await body(change, theme, new Voter(participantId, found.Municipality));
        }, cancellationToken);

    /// <summary>Who votes: the participant, and the municipality they speak for (stored with a new vote; null if they speak for none).</summary>
    private sealed record Voter(int ParticipantId, string? Municipality);

    private sealed record VoteTheme(Theme Theme, bool RiskListed, string? Municipality);

    /// <summary>A vote's theme, whether the risk is on its list, and the voter's municipality: one statement.</summary>
    private static readonly CompiledQuery<Func<DialogueDb, int, int, int, int, CancellationToken, Task<VoteTheme?>>> ThemeOfVote = new(() => EF.CompileAsyncQuery(
        (DialogueDb db, int themeId, int dialogueId, int riskId, int participantId, CancellationToken _) => db.Themes
            .AsNoTracking()
            .Where(t => t.Id == themeId && t.DialogueId == dialogueId)
            .Select(t => new VoteTheme(
                t,
                db.Risks.Any(r => r.Id == riskId && r.ThemeId == themeId && r.Status == RiskStatus.Accepted),
                db.Participants.Where(p => p.Id == participantId && p.OrganisationType == Participants.OrganisationType.Municipality)
                    .Select(p => p.Organisation).FirstOrDefault()))
            .SingleOrDefault()));
}
