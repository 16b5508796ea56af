namespace IbtDialogue.Protocol;

/// <summary>Where a dialogue is in its life.</summary>
public enum DialogueStatus
{
    /// <summary>Being prepared; participants cannot join yet.</summary>
    Draft,

    /// <summary>Running live; participants join and contribute.</summary>
    Open,

    /// <summary>Finished; read-only, minutes composed.</summary>
    Closed,
}

/// <summary>The phases every theme goes through; the facilitator may skip one or go back.</summary>
public enum Phase
{
    /// <summary>Delen: success factors, bottlenecks and questions.</summary>
    Sharing,

    /// <summary>Goede voorbeelden: good practices.</summary>
    GoodPractices,

    /// <summary>Risico's wegen: voting on the theme's risks.</summary>
    RiskWeighing,

    /// <summary>Afspraken: agreements and follow-up actions.</summary>
    Agreements,
}

/// <summary>The type of a contribution.</summary>
public enum ContributionKind
{
    /// <summary>Succesfactor: something that works.</summary>
    SuccessFactor,

    /// <summary>Knelpunt: a problem experienced.</summary>
    Bottleneck,

    /// <summary>Vraag: a question to the others, or (with a parent) about a good practice.</summary>
    Question,

    /// <summary>Goed voorbeeld: a good practice, with its title, why it works, origin and quality-cycle step.</summary>
    GoodPractice,
}

/// <summary>The step of the quality cycle (kwaliteitscyclus) a good practice belongs to.</summary>
public enum CycleStep
{
    Plan,
    Do,
    Check,
    Act,
}

/// <summary>Where a risk on a theme came from, and whether it is on the list.</summary>
public enum RiskStatus
{
    /// <summary>Proposed by a participant; the facilitator has not decided yet.</summary>
    Proposed,

    /// <summary>On the theme's list: it can be voted on.</summary>
    Accepted,

    /// <summary>Proposed and not taken up.</summary>
    Rejected,
}

/// <summary>How a theme's risks are weighed.</summary>
public enum VoteMethod
{
    /// <summary>Every participant spreads a budget of points over the risks, with a cap per risk.</summary>
    Dots,

    /// <summary>Every participant rates each risk for likelihood and impact, 1–5.</summary>
    Matrix,
}

/// <summary>Where a theme's vote is.</summary>
public enum VoteState
{
    NotStarted,
    Open,

    /// <summary>Frozen: no vote changes any more.</summary>
    Closed,
}

/// <summary>Whether a contribution is shown.</summary>
public enum ContributionStatus
{
    /// <summary>Shown to everyone.</summary>
    Visible,

    /// <summary>Waiting for a moderator (approve-before-show); only facilitators see it.</summary>
    Pending,

    /// <summary>Hidden by a moderator (or rejected); only facilitators see it.</summary>
    Hidden,

    /// <summary>Withdrawn by its author; nobody sees it.</summary>
    Withdrawn,

    /// <summary>Merged into another contribution; nobody sees it on its own.</summary>
    Merged,
}

/// <summary>What other participants see of an author.</summary>
public enum Anonymity
{
    /// <summary>Name and organisation.</summary>
    Named,

    /// <summary>Only the organisation.</summary>
    OrganisationOnly,

    /// <summary>Neither.</summary>
    Anonymous,
}

/// <summary>How a connection takes part in a room.</summary>
public enum RoomRole
{
    Participant,

    /// <summary>Follows live, read-only, counted apart.</summary>
    Observer,

    Facilitator,

    /// <summary>The projector view: read-only, sees what participants see, not counted.</summary>
    Presenter,
}

/// <summary>What a moderator does with a contribution.</summary>
public enum ModerationAction
{
    Hide,
    Show,
    Approve,
    Reject,
}

/// <summary>What the facilitator does with the phase timer.</summary>
public enum TimerAction
{
    Start,
    Pause,
    Resume,
    Extend,
    Stop,
}

/// <summary>What of the national picture the facilitator can put on everyone's screen.</summary>
public enum NationalItemKind
{
    /// <summary>A risk of the national catalogue with its national figures.</summary>
    Risk,

    /// <summary>A good practice from the national library.</summary>
    Practice,

    /// <summary>A national finding of the Inspectie.</summary>
    Finding,
}

/// <summary>Where the follow-up of an agreement stands (open, bezig, gedaan, vervallen).</summary>
public enum AgreementStatus
{
    Open,
    InProgress,
    Done,
    Dropped,
}
