namespace IbtDialogue.Live;

/// <summary>
/// Configuration section <c>Security</c>, as far as the live room's front door reads it: which other origins
/// may open the hub, how long a participant's hub token lives, and the limits that keep one client from
/// slowing every dialogue (docs/operations.md says how to size them).
/// </summary>
public sealed class HubSecurityOptions
{
    public const string Section = "Security";

    /// <summary>
    /// Origins (scheme, host and port, e.g. <c>https://dialoog.example.nl</c>) besides the app's own that may
    /// open the hub and ask for hub tokens from a browser. The app's own origin is always allowed.
    /// </summary>
    public List<string> AllowedOrigins { get; set; } = [];

    /// <summary>How long a participant's hub token may be used to connect.</summary>
    public TimeSpan HubTokenLifetime { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Per client address: negotiations of the hub, and (counted apart) hub tokens handed out. A room of 500
    /// behind one address that joins at once uses 500 of each.
    /// </summary>
    public TokenBucket HubNegotiateLimit { get; set; } = new() { Burst = 1000, PerMinute = 1000 };

    /// <summary>Live hub connections one participant (one token) may have open on one node: a few tabs and devices.</summary>
    public int HubConnectionsPerParticipant { get; set; } = 5;

    /// <summary>Hub calls per participant, per facilitator account and per connection.</summary>
    public HubCallLimits HubCallLimits { get; set; } = new();
}

/// <summary>The token buckets every hub call takes a token from: its connection's, and its participant's or account's.</summary>
public sealed class HubCallLimits
{
    /// <summary>Shared by every connection of one participant or observer.</summary>
    public TokenBucket Participant { get; set; } = new() { Burst = 60, PerMinute = 120 };

    /// <summary>Shared by every connection of one facilitator account (console, projector, a second window).</summary>
    public TokenBucket Account { get; set; } = new() { Burst = 300, PerMinute = 1200 };

    /// <summary>Each connection's own, whoever it is.</summary>
    public TokenBucket Connection { get; set; } = new() { Burst = 120, PerMinute = 600 };
}

/// <summary>A token bucket: up to <see cref="Burst"/> at once, refilled at <see cref="PerMinute"/> (a fraction is allowed).</summary>
public sealed class TokenBucket
{
    public int Burst { get; set; }

    public double PerMinute { get; set; }

    /// <summary>The bucket as System.Threading.RateLimiting takes it: refused at once when empty, never queued.</summary>
    public System.Threading.RateLimiting.TokenBucketRateLimiterOptions ToLimiterOptions()
    {
        // A partitioned limiter refills on a 100 ms timer: below that, give more tokens per period instead.
        var perMinute = Math.Max(PerMinute, 1e-6);
        var period = TimeSpan.FromMinutes(1 / perMinute);
        var tokens = 1;
        if (period < TimeSpan.FromSeconds(1))
        {
            period = TimeSpan.FromSeconds(1);
            tokens = (int)Math.Ceiling(perMinute / 60);
        }

        return new()
        {
            TokenLimit = Math.Max(Burst, 1),
            TokensPerPeriod = tokens,
            ReplenishmentPeriod = period > TimeSpan.FromDays(1) ? TimeSpan.FromDays(1) : period,
            QueueLimit = 0,
            AutoReplenishment = true,
        };
    }
}
