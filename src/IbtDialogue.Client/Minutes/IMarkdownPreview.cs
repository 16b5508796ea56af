namespace IbtDialogue.Client.Minutes;

/// <summary>
/// Renders minutes Markdown to safe HTML with the server's one pipeline — on the server while the page is
/// prerendered, over HTTP once the editor runs in the browser. The two implementations are the seam.
/// </summary>
public interface IMarkdownPreview
{
    Task<string> RenderAsync(string markdown, CancellationToken cancellationToken);
}

/// <summary>The browser's side: asks the server's preview endpoint.</summary>
public sealed class HttpMarkdownPreview(HttpClient http) : IMarkdownPreview
{
    public const string Path = "api/markdown/preview";

    public async Task<string> RenderAsync(string markdown, CancellationToken cancellationToken)
    {
        using var content = new StringContent(markdown, System.Text.Encoding.UTF8, "text/markdown");
        using var response = await http.PostAsync(Path, content, cancellationToken);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsStringAsync(cancellationToken);
    }
}
