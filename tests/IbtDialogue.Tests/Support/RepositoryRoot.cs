namespace IbtDialogue.Tests.Support;

public static class RepositoryRoot
{
    /// <summary>The checkout's root (where IbtDialogue.sln is), found from the test binaries.</summary>
    public static string Path { get; } = Find();

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "IbtDialogue.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("IbtDialogue.sln not found above " + AppContext.BaseDirectory);
    }
}
