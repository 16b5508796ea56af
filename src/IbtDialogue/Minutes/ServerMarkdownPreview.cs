using IbtDialogue.Client.Minutes;

namespace IbtDialogue.Minutes;

/// <summary>The server's side of the preview: the renderer itself (used while a page is prerendered).</summary>
public sealed class ServerMarkdownPreview(MarkdownRenderer renderer) : IMarkdownPreview
{
    public Task<string> RenderAsync(string markdown, CancellationToken cancellationToken) => Task.FromResult(renderer.ToHtml(markdown));
}
