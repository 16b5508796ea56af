using Bunit;
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
    }

    protected FakeHubClient UseHub(RoomSnapshot snapshot)
    {
        var hub = new FakeHubClient(snapshot);
        Services.AddSingleton<HubClientFactory>(_ => hub);
        return hub;
    }
}
