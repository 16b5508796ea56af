using Microsoft.Extensions.Options;

namespace IbtDialogue.Security;

/// <summary>What a failure is counted against.</summary>
public enum FailureScope
{
    /// <summary>Join codes that lead nowhere, per client address.</summary>
    Join,

    /// <summary>Wrong passwords and second-factor codes, per client address.</summary>
    Login,

    /// <summary>Wrong passwords for one account from browsers that never signed in to it.</summary>
    LoginAccount,
}

/// <summary>
/// Slows repeated failures instead of locking anything: each scope has a budget of failures per key that
/// leaks away over time (<see cref="RateLimitOptions"/>). Nothing is stored: a restart forgives everything.
/// </summary>
public sealed class FailureThrottle(IOptions<RateLimitOptions> options, TimeProvider clock)
{
    private readonly FailureBudget join = new(options.Value.Join, clock);
    private readonly FailureBudget login = new(options.Value.Login, clock);
    private readonly FailureBudget loginAccount = new(options.Value.LoginAccount, clock);

    public bool TryBegin(FailureScope scope, string key, out TimeSpan retryAfter) => Budget(scope).TryBegin(key, out retryAfter);

    public void End(FailureScope scope, string key, bool failed) => Budget(scope).End(key, failed);

    private FailureBudget Budget(FailureScope scope) => scope switch
    {
        FailureScope.Join => join,
        FailureScope.Login => login,
        _ => loginAccount,
    };
}
