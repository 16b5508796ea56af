namespace IbtDialogue.Tests.Support;

public static class Eventually
{
    /// <summary>
    /// Waits until a condition holds, for things that happen over the network. The limit is generous: it
    /// only keeps a broken test from hanging, it says nothing about speed (that is the benchmark's job).
    /// </summary>
    public static async Task TrueAsync(Func<bool> condition, string because, int seconds = 20)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"Still not true after {seconds} s: {because}");
            }

            await Task.Delay(25, TestContext.Current.CancellationToken);
        }
    }

    /// <summary>As above, for a condition that must ask over the network (a database, a server).</summary>
    public static async Task TrueAsync(Func<Task<bool>> condition, string because, int seconds = 20)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"Still not true after {seconds} s: {because}");
            }

            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
    }
}
