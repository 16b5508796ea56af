using System.Globalization;
using IbtDialogue.Client.Resources;

namespace IbtDialogue.Tests.Components;

/// <summary>
/// The WebAssembly client has no ICU and formats with <see cref="DutchFormats"/>; the server prerenders the same
/// components with .NET's nl-NL. What the room shows must not change when the client takes over.
/// </summary>
public sealed class DutchFormatsTests
{
    private static readonly CultureInfo Client = DutchFormats.Create();
    private static readonly CultureInfo Server = CultureInfo.GetCultureInfo("nl-NL");

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
        foreach (var day in Enumerable.Range(0, 12).Select(m => new DateTime(2026, m + 1, 3 + m, 9, 5, 0, DateTimeKind.Unspecified)))
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
}
