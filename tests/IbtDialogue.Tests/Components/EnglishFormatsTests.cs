using System.Globalization;
using IbtDialogue.Client.Resources;

namespace IbtDialogue.Tests.Components;

/// <summary>
/// In English the WebAssembly client formats with <see cref="EnglishFormats"/> (no ICU in the browser); the server
/// prerenders the same components with .NET's en-GB. What the room shows must not change when the client takes over.
/// </summary>
public sealed class EnglishFormatsTests
{
    private static readonly CultureInfo Client = EnglishFormats.Create();
    private static readonly CultureInfo Server = CultureInfo.GetCultureInfo("en-GB");

    [Fact]
    public void Names_of_months_and_days_are_the_servers()
    {
        Assert.Equal(Server.DateTimeFormat.MonthNames, Client.DateTimeFormat.MonthNames);
        Assert.Equal(Server.DateTimeFormat.MonthGenitiveNames, Client.DateTimeFormat.MonthGenitiveNames);
        Assert.Equal(Server.DateTimeFormat.AbbreviatedMonthNames, Client.DateTimeFormat.AbbreviatedMonthNames);
        Assert.Equal(Server.DateTimeFormat.DayNames, Client.DateTimeFormat.DayNames);
        Assert.Equal(Server.DateTimeFormat.AbbreviatedDayNames, Client.DateTimeFormat.AbbreviatedDayNames);
        Assert.Equal(Server.DateTimeFormat.FirstDayOfWeek, Client.DateTimeFormat.FirstDayOfWeek);
    }

    [Theory]
    [InlineData("d MMMM yyyy")]
    [InlineData("d")]
    [InlineData("D")]
    [InlineData("t")]
    [InlineData("dddd d MMM")]
    public void Dates_read_as_on_the_server(string format)
    {
        foreach (var day in Enumerable.Range(0, 12).Select(m => new DateTime(2026, m + 1, 3 + m, 15, 5, 0, DateTimeKind.Unspecified)))
        {
            Assert.Equal(day.ToString(format, Server), day.ToString(format, Client));
        }
    }

    [Theory]
    [InlineData("P0", 0.25)]
    [InlineData("P0", -0.5)]
    [InlineData("P1", 0.255)]
    [InlineData("0.0", 1234.56)]
    [InlineData("N1", 1234567.5)]
    [InlineData("0.0", -3.25)]
    public void Numbers_and_shares_read_as_on_the_server(string format, double value) =>
        Assert.Equal(value.ToString(format, Server), value.ToString(format, Client));

    [Theory]
    [InlineData("en", "Home")]
    [InlineData("en-GB", "Home")]
    [InlineData("nl", "Start")]
    [InlineData(null, "Start")]
    [InlineData("fr", "Start")]
    public void The_page_language_picks_the_texts(string? lang, string home) =>
        Assert.Equal(home, Texts.ResourceManager.GetString(nameof(Texts.NavHome), ClientCulture.ForPageLanguage(lang)));
}
