using IbtDialogue.Live;
using Microsoft.Extensions.Options;

namespace IbtDialogue.Tests.Security;

/// <summary>
/// <see cref="HubLimits"/> is a singleton made on the first hub request that needs it. Its sweep timer must not
/// capture that request's execution context: through <c>IHttpContextAccessor</c>'s async local it would keep the
/// request's <c>HttpContext</c>, its services and its Kestrel connection alive for the life of the process (found
/// in a heap dump of the load benchmark, issue 16).
/// </summary>
public sealed class HubLimitsTimerTests
{
    private static readonly AsyncLocal<object?> Request = new();

    [Fact]
    public void The_sweep_timer_is_made_without_the_callers_execution_context()
    {
        var clock = new RecordingClock();
        Request.Value = new object(); // What a request's HttpContext holder is to the timer.

        using (new HubLimits(Options.Create(new HubSecurityOptions()), clock))
        {
            Assert.True(clock.FlowSuppressedAtCreate);
            Assert.False(ExecutionContext.IsFlowSuppressed()); // Restored for the caller.
        }
    }

    [Fact]
    public void Made_where_flow_is_already_suppressed_it_still_has_its_timer()
    {
        var clock = new RecordingClock();
        using (ExecutionContext.SuppressFlow())
        {
            using var limits = new HubLimits(Options.Create(new HubSecurityOptions()), clock);
            Assert.True(clock.FlowSuppressedAtCreate);
            Assert.True(ExecutionContext.IsFlowSuppressed());
        }
    }

    private sealed class RecordingClock : TimeProvider
    {
        public bool? FlowSuppressedAtCreate { get; private set; }

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            FlowSuppressedAtCreate = ExecutionContext.IsFlowSuppressed();
            return base.CreateTimer(callback, state, dueTime, period);
        }
    }
}
