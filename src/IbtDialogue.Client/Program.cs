using System.Globalization;
using IbtDialogue.Client.Live;
using IbtDialogue.Protocol;
using Microsoft.AspNetCore.Components.WebAssembly.Hosting;

var builder = WebAssemblyHostBuilder.CreateDefault(args);

// The interface speaks Dutch; an English resource set can follow without code changes.
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.DefaultThreadCurrentUICulture = new CultureInfo("nl-NL");

var hubUrl = new Uri(new Uri(builder.HostEnvironment.BaseAddress), HubContract.Path.TrimStart('/'));
builder.Services.AddSingleton<HubClientFactory>(_ => accessToken => new DialogueHubClient(hubUrl, options =>
{
    if (accessToken is not null)
    {
        options.AccessTokenProvider = () => Task.FromResult<string?>(accessToken);
    }
}));

builder.Services.AddScoped(_ => new HttpClient { BaseAddress = new Uri(builder.HostEnvironment.BaseAddress) });
builder.Services.AddScoped<IbtDialogue.Client.Minutes.IMarkdownPreview, IbtDialogue.Client.Minutes.HttpMarkdownPreview>();

await builder.Build().RunAsync();
