using IbtDialogue.Accounts;
using IbtDialogue.Tests.Support;
using Microsoft.Playwright;

namespace IbtDialogue.Tests.Browser;

/// <summary>An analyst in Chromium: writes a finding, defines an indicator, uploads its figures and reads the chart; axe-core on every page.</summary>
public sealed class NationalPictureBrowserTests : BrowserTest
{
    private static string CsvFile(string name) => Path.Combine(AppContext.BaseDirectory, "NationalPicture", "Csv", name);

    [Fact]
    public async Task An_analyst_writes_a_finding_imports_figures_and_reads_the_chart_with_a_municipality_pointed_out()
    {
        await App.CreateAccountAsync("carla@owinsp.example", "Carla Analist", Roles.Analyst);
        var page = await Browser.NewPageAsync(App.BaseAddress);
        await page.GotoAsync("/account/login");
        await page.GetByLabel("E-mailadres").FillAsync("carla@owinsp.example");
        await page.GetByLabel("Wachtwoord").FillAsync(AppHost.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Inloggen" }).ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/account/login", StringComparison.Ordinal));

        // A finding: first without a title (the errors), then whole.
        await page.GotoAsync("/landelijk-beeld/bevindingen");
        await Assertions.Expect(page.GetByText("Er zijn nog geen bevindingen.")).ToBeVisibleAsync();
        await BrowserSession.AssertAccessibleAsync(page);
        await page.GetByRole(AriaRole.Link, new() { Name = "Nieuwe bevinding" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Nieuwe bevinding" })).ToBeVisibleAsync();
        await BrowserSession.AssertAccessibleAsync(page);
        await page.GetByLabel("Thema").SelectOptionAsync("ko-risicogestuurd-toezicht");
        await page.GetByLabel("Tekst", new() { Exact = true }).FillAsync("Bij een op de vijf gemeenten deed de GGD **niet alle** verplichte inspecties.\n\n- vooral bij gastouders");
        await page.GetByRole(AriaRole.Button, new() { Name = "Opslaan" }).ClickAsync();
        await Assertions.Expect(page.Locator("#title-error")).ToHaveTextAsync("Geef de bevinding een titel.");
        await BrowserSession.AssertAccessibleAsync(page);
        await page.GetByLabel("Titel").FillAsync("Niet alle verplichte inspecties worden uitgevoerd");
        await page.GetByLabel("Bronnen", new() { Exact = true }).FillAsync("[Landelijk rapport](https://www.onderwijsinspectie.nl)");
        await page.GetByRole(AriaRole.Button, new() { Name = "Opslaan" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("De bevinding is opgeslagen.");
        await Assertions.Expect(page.Locator("section .finding-text strong")).ToHaveTextAsync("niet alle");
        await BrowserSession.AssertAccessibleAsync(page);
        await page.GetByRole(AriaRole.Link, new() { Name = "Terug naar de bevindingen" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Niet alle verplichte inspecties worden uitgevoerd" })).ToBeVisibleAsync();
        await BrowserSession.AssertAccessibleAsync(page);

        // An indicator, then its figures: a file with errors is refused as a whole, a right one is stored.
        await page.GetByRole(AriaRole.Link, new() { Name = "Indicatoren per gemeente" }).ClickAsync();
        await Assertions.Expect(page.GetByText("Er zijn nog geen indicatoren.")).ToBeVisibleAsync();
        await BrowserSession.AssertAccessibleAsync(page);
        await page.GetByLabel("Naam", new() { Exact = true }).FillAsync("Verplichte inspecties uitgevoerd");
        await page.GetByLabel("Sleutel").FillAsync("inspecties-uitgevoerd");
        await page.GetByLabel("Eenheid").FillAsync("%");
        await page.GetByLabel("Domein").SelectOptionAsync("ChildcareSupervision");
        await page.Locator("#indicator-theme").SelectOptionAsync("ko-risicogestuurd-toezicht");
        await page.GetByRole(AriaRole.Button, new() { Name = "Indicator toevoegen" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("De indicator ‘Verplichte inspecties uitgevoerd’ is toegevoegd.");
        await BrowserSession.AssertAccessibleAsync(page);

        await Assertions.Expect(page.GetByLabel("Indicator", new() { Exact = true })).ToHaveValueAsync("inspecties-uitgevoerd");
        await page.GetByLabel("Jaar").FillAsync("2025");
        await page.GetByLabel("CSV-bestand").SetInputFilesAsync(CsvFile("every-error.csv"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Importeren" }).ClickAsync();
        var errors = page.GetByTestId("import-errors");
        await Assertions.Expect(errors).ToContainTextAsync("Het bestand is niet geïmporteerd");
        await Assertions.Expect(errors.Locator("li")).ToHaveCountAsync(12);
        await Assertions.Expect(errors.Locator("li").First).ToHaveTextAsync("Regel 3: De gemeente ‘Zwole’ kennen we niet. Gebruik de CBS-code (zoals GM0193) of de precieze naam van de gemeente.");
        await BrowserSession.AssertAccessibleAsync(page);

        await page.GetByLabel("CSV-bestand").SetInputFilesAsync(CsvFile("good.csv"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Importeren" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("7 gemeente(n) geïmporteerd voor ‘Verplichte inspecties uitgevoerd’, 2025.");
        await BrowserSession.AssertAccessibleAsync(page);

        // The chart, with Zwolle pointed out through the form (a plain GET, no script needed).
        await page.GetByRole(AriaRole.Link, new() { Name = "Bekijk de verdeling" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Verplichte inspecties uitgevoerd" })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("svg rect.bar")).ToHaveCountAsync(7);
        await BrowserSession.AssertAccessibleAsync(page);
        await page.GetByLabel("Gemeente om aan te wijzen").SelectOptionAsync(new SelectOptionValue { Label = "Zwolle" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Tonen" }).ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("gemeente=GM0193", StringComparison.Ordinal));
        var chart = page.GetByRole(AriaRole.Img, new() { Name = "Staafdiagram van Verplichte inspecties uitgevoerd in 2025" });
        await Assertions.Expect(chart).ToHaveAttributeAsync("aria-label", new System.Text.RegularExpressions.Regex("Zwolle: 87,5%, plaats 3 van 7"));
        await Assertions.Expect(page.Locator("svg rect.highlight")).ToHaveAttributeAsync("data-code", "GM0193");
        await page.GetByText("De cijfers in een tabel").ClickAsync();
        await Assertions.Expect(page.Locator("table tbody tr.highlight")).ToContainTextAsync("Zwolle (gekozen gemeente)");
        await BrowserSession.AssertAccessibleAsync(page);
    }
}
