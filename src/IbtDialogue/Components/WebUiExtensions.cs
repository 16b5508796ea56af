using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.Extensions.WebEncoders;

namespace IbtDialogue.Components;

public static class WebUiExtensions
{
    /// <summary>
    /// The static files of a published app (<c>wwwroot/</c> next to the app's assembly), or null for a build, whose
    /// static web assets come from their sources. The published app then finds them from whatever directory it
    /// was started in: <c>dotnet run -c Release</c> starts it in the repository root, where appsettings.json and
    /// data/ are.
    /// </summary>
    public static string? PublishedWebRoot()
    {
        var published = Path.Combine(AppContext.BaseDirectory, "wwwroot");
        return Directory.Exists(published) ? published : null;
    }

    /// <summary>Server-rendered pages, the WebAssembly live room; Dutch outside requests (see <see cref="Languages"/>).</summary>
    public static WebApplicationBuilder AddWebUi(this WebApplicationBuilder builder)
    {
        // The hub and background work run outside requests: they speak Dutch too.
        CultureInfo.DefaultThreadCurrentCulture = Languages.Dutch;
        CultureInfo.DefaultThreadCurrentUICulture = Languages.Dutch;

        // Serve the static assets of the build (the WebAssembly files) in every environment, not only Development.
        builder.WebHost.UseStaticWebAssets();
        builder.Services.AddRazorComponents().AddInteractiveWebAssemblyComponents();

        // Write Dutch text as text: "één", not "&#xE9;&#xE9;n".
        builder.Services.Configure<WebEncoderOptions>(options => options.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        return builder;
    }

    public static WebApplication UseWebUi(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/fout", createScopeForErrors: true);
        }

        app.UseSecurityHeaders();
        app.UseStatusCodePagesWithReExecute("/niet-gevonden", createScopeForStatusCodePages: true);
        app.UseAntiforgery();
        app.MapStaticAssets();
        app.MapRazorComponents<App>().AddInteractiveWebAssemblyRenderMode();
        app.MapLanguageSwitch();
        return app;
    }
}
