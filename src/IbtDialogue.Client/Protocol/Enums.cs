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

/// <summary>The type of a contribution in the "Delen" phase.</summary>
public enum ContributionKind
{
    /// <summary>Succesfactor: something that works.</summary>
    SuccessFactor,

    /// <summary>Knelpunt: a problem experienced.</summary>
    Bottleneck,

    /// <summary>Vraag: a question to the others.</summary>
    Question,
}
