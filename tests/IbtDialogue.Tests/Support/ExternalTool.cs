namespace IbtDialogue.Tests.Support;

/// <summary>
/// Tests that need a program from outside .NET (Chromium, Redis, PostgreSQL). On a developer machine
/// without it they are skipped with the command that installs it; under CI (CI=true) a missing tool is a
/// failure, because tests/run.sh installs it there.
/// </summary>
public static class ExternalTool
{
    public static void Require(string path, string install)
    {
        if (File.Exists(path))
        {
            return;
        }

        var message = $"{path} is missing; install it with: {install}";
        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            Assert.Fail(message);
        }

        Assert.Skip(message);
    }
}
