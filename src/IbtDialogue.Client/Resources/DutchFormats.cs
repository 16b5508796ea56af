using System.Globalization;

namespace IbtDialogue.Client.Resources;

/// <summary>
/// The Dutch formats the room shows — dates with month and day names, the decimal comma, percentages — without ICU.
/// The WebAssembly client runs with invariant globalization: that spares every participant ICU's data file (1.5 MB,
/// 330 kB with Brotli, a tenth of the first visit) and loading it at start. The server renders the same components
/// with .NET's own nl-NL; a test keeps the two equal. A client in another language needs its formats here too.
/// </summary>
public static class DutchFormats
{
    public static CultureInfo Create()
    {
        var culture = (CultureInfo)CultureInfo.InvariantCulture.Clone();
        string[] months = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november", "december", ""];
        string[] shortMonths = ["jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec", ""];
        var dates = culture.DateTimeFormat;
        dates.MonthNames = dates.MonthGenitiveNames = months;
        dates.AbbreviatedMonthNames = dates.AbbreviatedMonthGenitiveNames = shortMonths;
        dates.DayNames = ["zondag", "maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag"];
        dates.AbbreviatedDayNames = ["zo", "ma", "di", "wo", "do", "vr", "za"];
        dates.ShortestDayNames = ["Z", "M", "D", "W", "D", "V", "Z"];
        dates.ShortDatePattern = "dd-MM-yyyy";
        dates.LongDatePattern = "dddd d MMMM yyyy";
        dates.ShortTimePattern = "HH:mm";
        dates.LongTimePattern = "HH:mm:ss";
        dates.FullDateTimePattern = "dddd d MMMM yyyy HH:mm:ss";
        dates.MonthDayPattern = "d MMMM";
        dates.YearMonthPattern = "MMMM yyyy";
        dates.DateSeparator = "-";
        dates.FirstDayOfWeek = DayOfWeek.Monday;
        dates.CalendarWeekRule = CalendarWeekRule.FirstFourDayWeek;

        var numbers = culture.NumberFormat;
        numbers.NumberDecimalSeparator = numbers.PercentDecimalSeparator = numbers.CurrencyDecimalSeparator = ",";
        numbers.NumberGroupSeparator = numbers.PercentGroupSeparator = numbers.CurrencyGroupSeparator = ".";
        numbers.PercentPositivePattern = 1; // 25%
        numbers.PercentNegativePattern = 1; // -25%
        numbers.CurrencySymbol = "€";
        return CultureInfo.ReadOnly(culture);
    }
}
