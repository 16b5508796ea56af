using System.Diagnostics;
using System.Text.RegularExpressions;
using IbtDialogue.Protocol;
using IbtDialogue.Tests.Hub;
using IbtDialogue.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace IbtDialogue.Tests.Providers;

/// <summary>
/// The nginx example of docs/operations.md, as written there (only TLS taken out and the two node addresses
/// put in), in front of two app nodes on one PostgreSQL database and one Redis: the room works through it, and
/// when the node behind it stops, the clients come back through nginx on the other node.
/// </summary>
public sealed partial class NginxExampleTests
{
    private const string Nginx = "/usr/sbin/nginx";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>The example's nginx configuration, for these two nodes, listening on loopback without TLS.</summary>
    private static string ExampleFor(Uri nodeA, Uri nodeB, int port)
    {
        var operations = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "docs", "operations.md"));
        var example = ExampleBlock().Match(operations);
        Assert.True(example.Success, "docs/operations.md has the nginx example (a block starting with 'upstream ibt_dialogue')");
        var servers = 0;
        var lines = example.Groups["config"].Value.Split('\n').Select(line =>
        {
            var trimmed = line.TrimStart();
            if (trimmed.StartsWith("server 10.", StringComparison.Ordinal))
            {
                var node = servers++ == 0 ? nodeA : nodeB;
                return Regex.Replace(line, @"server \S+", $"server 127.0.0.1:{node.Port}");
            }

            return trimmed.StartsWith("listen 443", StringComparison.Ordinal) ? $"    listen 127.0.0.1:{port};"
                : trimmed.StartsWith("ssl_", StringComparison.Ordinal) ? ""
                : line;
        }).ToList();
        Assert.Equal(2, servers);
        return string.Join('\n', lines);
    }

    [Fact]
    public async Task Two_nodes_behind_the_documented_nginx_serve_the_room_and_a_stopped_node_s_clients_come_back_through_it()
    {
        ExternalTool.Require(Nginx, "sudo apt-get install nginx-light");
        await using var database = await TestPostgres.CreateDatabaseAsync();
        await using var redis = await TestRedis.StartAsync();
        var prefix = $"ibt-test-{Guid.NewGuid():N}";
        var nodes = new List<AppHost>
        {
            AppHost.ScaleOutNode("node-a", database.ConnectionString, redis.Connection, prefix),
            AppHost.ScaleOutNode("node-b", database.ConnectionString, redis.Connection, prefix),
        };
        foreach (var node in nodes)
        {
            await node.InitializeAsync();
        }

        var folder = Directory.CreateTempSubdirectory("ibt-nginx-");
        var port = AppProcess.FreePort();
        var config = Path.Combine(folder.FullName, "nginx.conf");
        // Workers run as nobody when the tests run as root: the temp folders must be theirs to write.
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(folder.FullName, (UnixFileMode)0b111_111_111);
        }
        await File.WriteAllTextAsync(config, $$"""
            daemon off;
            worker_processes 1;
            pid {{folder.FullName}}/nginx.pid;
            error_log {{folder.FullName}}/error.log warn;
            events { worker_connections 256; }
            http {
                access_log off;
                client_body_temp_path {{folder.FullName}}/body;
                proxy_temp_path {{folder.FullName}}/proxy;
                fastcgi_temp_path {{folder.FullName}}/fastcgi;
                uwsgi_temp_path {{folder.FullName}}/uwsgi;
                scgi_temp_path {{folder.FullName}}/scgi;
            {{ExampleFor(nodes[0].BaseAddress, nodes[1].BaseAddress, port)}}
            }
            """, Ct);
        using var nginx = Process.Start(new ProcessStartInfo(Nginx, ["-c", config, "-p", folder.FullName, "-e", Path.Combine(folder.FullName, "error.log")])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        }) ?? throw new InvalidOperationException("nginx did not start.");
        try
        {
            var front = new Uri($"http://127.0.0.1:{port}/");
            using var http = new HttpClient();
            await Eventually.TrueAsync(async () =>
            {
                Assert.False(nginx.HasExited, $"nginx stopped: {(nginx.HasExited ? await nginx.StandardError.ReadToEndAsync(Ct) : "")}");
                try
                {
                    return (await http.GetAsync(front, Ct)).IsSuccessStatusCode;
                }
                catch (HttpRequestException)
                {
                    return false; // Not listening yet.
                }
            }, $"nginx answers on port {port}");

            // Everything through nginx: sign-in, the console, a participant's room.
            var email = $"{Guid.NewGuid():N}@owinsp.example";
            var userId = await nodes[0].CreateFacilitatorAsync(email, "Anna");
            var (dialogue, code) = await nodes[0].CreateDialogueAsync(userId, "Handhaving");
            var hubUrl = new Uri(front, HubContract.Path);
            var console = await Tab.OpenAsync(AppHost.FacilitatorClientFor(hubUrl, await AppHost.LoginAsync(front, email)), dialogue);
            Assert.True((await console.Hub.OpenDialogueAsync(new DialogueCommand(Guid.NewGuid(), dialogue), Ct)).Ok);
            await Eventually.TrueAsync(() => console.State.Stage.ThemeId is not null, "the console shows the opened dialogue");
            var theme = console.State.Stage.ThemeId!.Value;
            var viaNginx = await Tab.OpenAsync(nodes[0].ParticipantClient(await nodes[0].JoinAsync(code, "Bram", "Zwolle"), hubUrl), dialogue);

            // ip_hash sends every client of this address to one node; find it, and put a participant on the other directly.
            var behind = await nodes[0].QueryAsync(db => db.RoomConnections.Where(c => c.DialogueId == dialogue).Select(c => c.Node).Distinct().ToListAsync(Ct));
            var served = Assert.Single(behind);
            var (chosen, other) = served == "node-a" ? (nodes[0], nodes[1]) : (nodes[1], nodes[0]);
            var direct = await Tab.OpenAsync(other.ParticipantClient(await other.JoinAsync(code, "Carla", "Assen")), dialogue);

            Assert.True((await direct.Room.PostContributionAsync(new PostContribution(Guid.NewGuid(), dialogue, theme, ContributionKind.SuccessFactor, "Rechtstreeks op de andere node"), Ct)).Ok);
            Assert.True((await viaNginx.Room.PostContributionAsync(new PostContribution(Guid.NewGuid(), dialogue, theme, ContributionKind.Bottleneck, "Via nginx"), Ct)).Ok);
            var everyone = new[] { console, viaNginx, direct };
            await Eventually.TrueAsync(() => everyone.All(t => t.State.Contributions.Count == 2), "both contributions reach everyone, through nginx and directly");

            // The node behind nginx stops: nginx sends the reconnecting clients to the other node, where they enter again.
            await chosen.DisposeAsync();
            nodes.Remove(chosen);
            Assert.True((await viaNginx.Room.PostContributionAsync(new PostContribution(Guid.NewGuid(), dialogue, theme, ContributionKind.Question, "Na de overstap"), Ct)).Ok);
            await Eventually.TrueAsync(() => everyone.All(t => t.State.Contributions.Count == 3), "after the failover everyone has all three", seconds: 60);
            var survivor = served == "node-a" ? "node-b" : "node-a";
            // A reconnect that reached the stopping node in its last moment can leave a row there; the survivor's
            // heartbeat sweep takes it out once the stopped node has been silent for Node:DeadAfterSeconds (30).
            await Eventually.TrueAsync(async () => (await other.QueryAsync(db => db.RoomConnections.Where(c => c.DialogueId == dialogue).Select(c => c.Node).Distinct().ToListAsync(Ct))) is [var only] && only == survivor,
                $"every connection of the room is on the node that lives, {survivor}", seconds: 90);

            foreach (var tab in everyone)
            {
                await tab.DisposeAsync();
            }
        }
        finally
        {
            nginx.Kill(entireProcessTree: true); // The workers too: without the master they would keep the port.
            await nginx.WaitForExitAsync(Ct);
            foreach (var node in nodes)
            {
                await node.DisposeAsync();
            }

            folder.Delete(recursive: true);
        }
    }

    [GeneratedRegex(@"```\n(?<config>upstream ibt_dialogue .*?)```", RegexOptions.Singleline)]
    private static partial Regex ExampleBlock();
}
