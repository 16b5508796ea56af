namespace IbtDialogue.Protocol;

/// <summary>
/// The methods clients may invoke on the dialogue hub (client to server). The server's hub implements
/// this interface, so a renamed method breaks the build instead of the clients.
/// </summary>
public interface IDialogueHub
{
    /// <summary>Joins the dialogue's room on this connection (presence) and answers with its state.</summary>
    Task<SnapshotResult> Enter(int dialogueId);

    /// <summary>Facilitator: joins as the projector view: sees what participants see, is not counted.</summary>
    Task<SnapshotResult> EnterPresenter(int dialogueId);

    /// <summary>Answers the state without joining (used to resync after a version gap).</summary>
    Task<SnapshotResult> GetSnapshot(int dialogueId);

    Task<CommandResult> PostContribution(PostContribution command);

    /// <summary>The author (while the phase is open) or a facilitator (any time before closing).</summary>
    Task<CommandResult> EditContribution(EditContribution command);

    /// <summary>The author, while the phase is open.</summary>
    Task<CommandResult> WithdrawContribution(ContributionCommand command);

    /// <summary>Gives a +1; once per person per contribution.</summary>
    Task<CommandResult> React(ContributionCommand command);

    /// <summary>Takes a +1 back.</summary>
    Task<CommandResult> Unreact(ContributionCommand command);

    /// <summary>Facilitator: opens a draft dialogue so participants can join.</summary>
    Task<CommandResult> OpenDialogue(DialogueCommand command);

    /// <summary>Facilitator: closes the dialogue and composes the minutes.</summary>
    Task<CommandResult> CloseDialogue(DialogueCommand command);

    /// <summary>Facilitator: moves everyone to a theme and phase (forward, back, or skipping).</summary>
    Task<CommandResult> SetStage(SetStage command);

    Task<CommandResult> SetInputLocked(SetInputLocked command);

    Task<CommandResult> ControlTimer(ControlTimer command);

    Task<CommandResult> SetSpotlight(SetSpotlight command);

    Task<CommandResult> ModerateContribution(ModerateContribution command);

    Task<CommandResult> MergeContributions(MergeContributions command);

    Task<CommandResult> SaveTheme(SaveTheme command);

    Task<CommandResult> MoveTheme(MoveTheme command);

    Task<CommandResult> RemoveTheme(ThemeCommand command);

    Task<CommandResult> UpdateSettings(UpdateSettings command);

    Task<CommandResult> SaveAgreement(SaveAgreement command);

    Task<CommandResult> RemoveAgreement(AgreementCommand command);

    /// <summary>Records or changes a good practice (author or facilitator), in the good-practices phase.</summary>
    Task<CommandResult> SaveGoodPractice(SaveGoodPractice command);

    Task<CommandResult> SaveRisk(SaveRisk command);

    Task<CommandResult> DecideRisk(DecideRisk command);

    Task<CommandResult> RemoveRisk(RiskCommand command);

    Task<CommandResult> ConfigureVoting(ConfigureVoting command);

    /// <summary>Opens the vote with the method it names, in one step: the settings and the opening commit together.</summary>
    Task<CommandResult> OpenVoting(OpenVoting command);

    /// <summary>Closes the vote: from now on it is frozen.</summary>
    Task<CommandResult> CloseVoting(VotingCommand command);

    /// <summary>Shows the results of a closed vote to everyone.</summary>
    Task<CommandResult> RevealResults(VotingCommand command);

    /// <summary>Participants only, while the vote is open. Answers with no room version: a vote is private.</summary>
    Task<CommandResult> CastDots(CastDots command);

    Task<CommandResult> RateRisk(RateRisk command);

    /// <summary>Facilitator: the national picture of a theme of this dialogue (not a room change; answered to the caller only).</summary>
    Task<NationalPanelResult> GetNationalPanel(NationalPanelRequest request);

    /// <summary>Facilitator: adds a risk of the national catalogue to a theme's list.</summary>
    Task<CommandResult> AddCatalogueRisk(AddCatalogueRisk command);

    /// <summary>Facilitator: puts a national risk, good practice or finding on everyone's screen (or takes it off).</summary>
    Task<CommandResult> ShowNational(ShowNational command);
}
