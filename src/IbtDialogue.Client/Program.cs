using System.Globalization;
using IbtDialogue.Client.Live;
using IbtDialogue.Protocol;
using Microsoft.AspNetCore.Components.WebAssembly.Hosting;
using Microsoft.JSInterop;

var builder = WebAssemblyHostBuilder.CreateDefault(args);

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

var host = builder.Build();

// The language of the page the room runs in (<html lang>, set by the server from the visitor's choice): Dutch, the
// neutral resources with DutchFormats, or English, the "en" resources with EnglishFormats (the client runs without
// ICU, see there). The host loads the satellite assembly of CultureInfo.CurrentCulture when it starts, so the
// culture is set before RunAsync.
var lang = ((IJSInProcessRuntime)host.Services.GetRequiredService<IJSRuntime>()).Invoke<string?>("document.documentElement.getAttribute", "lang");
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.DefaultThreadCurrentUICulture = IbtDialogue.Client.Resources.ClientCulture.ForPageLanguage(lang);

await host.RunAsync();
