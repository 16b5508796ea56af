namespace IbtDialogue.Client.Protocol;

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

    /// <summary>Vraag: a question to the others.</summary>
    Question,
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
