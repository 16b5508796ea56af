using System.Net.Sockets;
using System.Text;

namespace IbtDialogue.Tests.Support;

/// <summary>
/// HTTP/1.1 by hand over a socket, for what HttpClient will not do: announce a body and then not send it, to
/// see whether the server answers before reading it.
/// </summary>
public static class RawHttp
{
    /// <summary>Sends the head of a POST that announces <paramref name="contentLength"/> bytes and only the first kilobyte of them; answers the status and the raw response.</summary>
    public static async Task<(int Status, string Response)> PostHeadOnlyAsync(Uri baseAddress, string path, long contentLength, string contentType, string? cookieHeader, TimeSpan wait, CancellationToken cancellationToken)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(baseAddress.Host, baseAddress.Port, cancellationToken);
        var stream = tcp.GetStream();
        var head = new StringBuilder()
            .Append("POST /").Append(path.TrimStart('/')).Append(" HTTP/1.1\r\n")
            .Append("Host: ").Append(baseAddress.Authority).Append("\r\n")
            .Append("Content-Type: ").Append(contentType).Append("\r\n")
            .Append("Content-Length: ").Append(contentLength).Append("\r\n");
        if (cookieHeader is { Length: > 0 })
        {
            head.Append("Cookie: ").Append(cookieHeader).Append("\r\n");
        }

        head.Append("Connection: close\r\n\r\n");
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head.ToString()), cancellationToken);
        await stream.WriteAsync(Encoding.ASCII.GetBytes(new string('a', 1024)), cancellationToken);

        // The rest of the body never comes: a server that waits for it answers nothing within the wait.
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(wait);
        var response = new StringBuilder();
        var buffer = new byte[8192];
        try
        {
            int read;
            while ((read = await stream.ReadAsync(buffer, timeout.Token)) > 0)
            {
                response.Append(Encoding.UTF8.GetString(buffer, 0, read));
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // Whatever came within the wait is the answer.
        }
        catch (IOException)
        {
            // The server closed the connection with the body still unread: what came before is the answer.
        }

        var text = response.ToString();
        var status = text.StartsWith("HTTP/1.1 ", StringComparison.Ordinal) ? int.Parse(text.AsSpan(9, 3), System.Globalization.CultureInfo.InvariantCulture) : 0;
        return (status, text);
    }
}
