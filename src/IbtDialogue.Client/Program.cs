using System.Globalization;
using IbtDialogue.Client.Live;
using IbtDialogue.Protocol;
using Microsoft.AspNetCore.Components.WebAssembly.Hosting;

var builder = WebAssemblyHostBuilder.CreateDefault(args);

// The interface speaks Dutch; an English resource set can follow without code changes.
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.DefaultThreadCurrentUICulture = new CultureInfo("nl-NL");

var baseAddress = new Uri(builder.HostEnvironment.BaseAddress);
var hubUrl = new Uri(baseAddress, HubContract.Path.TrimStart('/'));
builder.Services.AddSingleton<HubClientFactory>(_ => participantOf => new DialogueHubClient(hubUrl, options =>
{
    if (participantOf is { } dialogueId)
    {
        // Same origin: the browser sends the participant's HttpOnly cookie with it.
        options.AccessTokenProvider = new HubTokenSource(new HttpClient { BaseAddress = baseAddress }, dialogueId).GetAsync;
    }
}));

builder.Services.AddScoped(_ => new HttpClient { BaseAddress = new Uri(builder.HostEnvironment.BaseAddress) });
builder.Services.AddScoped<IbtDialogue.Client.Minutes.IMarkdownPreview, IbtDialogue.Client.Minutes.HttpMarkdownPreview>();

await builder.Build().RunAsync();
