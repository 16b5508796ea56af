using Bunit;
using Bunit.TestDoubles;
using Microsoft.AspNetCore.Components;
using IbtDialogue.Client.Live;
using IbtDialogue.Protocol;
using Microsoft.Extensions.DependencyInjection;

namespace IbtDialogue.Tests.Components;

/// <summary>A bUnit context for the live room's components: Dutch culture, and a fake hub client behind the factory.</summary>
public abstract class ComponentTests : BunitContext
{
    protected ComponentTests()
    {
        var dutch = System.Globalization.CultureInfo.GetCultureInfo("nl-NL");
        System.Globalization.CultureInfo.CurrentCulture = dutch;
        System.Globalization.CultureInfo.CurrentUICulture = dutch;

        // A render that follows an event runs on another thread; on a loaded two-core machine it can take
        // well over bUnit's default second. A passing wait returns at once, so a long limit costs nothing.
        DefaultWaitTimeout = TimeSpan.FromSeconds(15);

        // The room asks the browser whether it is online (js/connectivity.js) and moves focus; tests play the browser's part.
        JSInterop.Mode = JSRuntimeMode.Loose;
    }

    /// <summary>What the browser tells the room when the device goes offline (false) or comes back (true).</summary>
    protected Task BrowserOnlineAsync(bool online) =>
        ((Microsoft.JSInterop.DotNetObjectReference<IbtDialogue.Client.Room.RoomComponentBase>)JSInterop.Invocations["watch"].Last().Arguments[0]!).Value.SetOnline(online);

    /// <summary>The state a prerendered page hands over to the client (set by <see cref="UseHub"/>).</summary>
    protected BunitPersistentComponentState PageState { get; private set; } = default!;

    /// <param name="prerendering">Render as the server does before the page reaches the browser, instead of as WebAssembly does.</param>
    protected FakeHubClient UseHub(RoomSnapshot snapshot, bool prerendering = false)
    {
        var hub = new FakeHubClient(snapshot);
        Services.AddSingleton<HubClientFactory>(_ => hub);
        PageState = AddBunitPersistentComponentState();
        SetRendererInfo(prerendering ? new RendererInfo("Static", isInteractive: false) : new RendererInfo("WebAssembly", isInteractive: true));
        return hub;
    }
}
