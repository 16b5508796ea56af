namespace IbtDialogue.Security;

/// <summary>Return addresses the app redirects to after a step (signing in, switching the language).</summary>
public static class LocalPath
{
    /// <summary>
    /// A path on this site: starts with one slash, and is printable ASCII (what a redirect's Location header may
    /// hold; the app's own return addresses are percent-encoded): no other site (<c>//host</c>), no backslash, no
    /// control or wide characters. Anything else would make the redirect an open one.
    /// </summary>
    public static bool IsLocal(string? path) =>
        path is { Length: > 0 }
        && path.StartsWith('/') && !path.StartsWith("//", StringComparison.Ordinal) && path.All(c => c is > ' ' and < '\x7f' and not '\\');
}
