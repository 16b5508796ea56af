using System.Globalization;

namespace IbtDialogue.Client.Resources;

/// <summary>
/// The British English formats the room shows when the page is English, without ICU (see <see cref="DutchFormats"/>):
/// the server renders the same components with .NET's en-GB, and a test keeps the two equal. The culture is named
/// "en", the name of the English resources, so that the WebAssembly host loads their satellite assembly at start
/// and the texts are English; invariant mode may name it because the client sets PredefinedCulturesOnly to false.
/// </summary>
public static class EnglishFormats
{
    public static CultureInfo Create()
    {
        var culture = new CultureInfo("en")
        {
            // From the invariant culture's data, which is all the browser has, also where ICU is present (the tests).
            DateTimeFormat = (DateTimeFormatInfo)CultureInfo.InvariantCulture.DateTimeFormat.Clone(),
            NumberFormat = (NumberFormatInfo)CultureInfo.InvariantCulture.NumberFormat.Clone(),
        };
        string[] months = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December", ""];
        string[] shortMonths = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sept", "Oct", "Nov", "Dec", ""];
        var dates = culture.DateTimeFormat;
        dates.MonthNames = dates.MonthGenitiveNames = months;
        dates.AbbreviatedMonthNames = dates.AbbreviatedMonthGenitiveNames = shortMonths;
        dates.DayNames = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
        dates.AbbreviatedDayNames = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
        dates.ShortestDayNames = ["Su", "Mo", "Tu", "We", "Th", "Fr", "Sa"];
        dates.AMDesignator = "am";
        dates.PMDesignator = "pm";
        dates.ShortDatePattern = "dd/MM/yyyy";
        dates.LongDatePattern = "dddd, d MMMM yyyy";
        dates.ShortTimePattern = "HH:mm";
        dates.LongTimePattern = "HH:mm:ss";
        dates.FullDateTimePattern = "dddd, d MMMM yyyy HH:mm:ss";
        dates.MonthDayPattern = "d MMMM";
        dates.YearMonthPattern = "MMMM yyyy";
        dates.DateSeparator = "/";
        dates.FirstDayOfWeek = DayOfWeek.Monday;
        dates.CalendarWeekRule = CalendarWeekRule.FirstFourDayWeek;

        var numbers = culture.NumberFormat;
        numbers.NumberDecimalSeparator = numbers.PercentDecimalSeparator = numbers.CurrencyDecimalSeparator = ".";
        numbers.NumberGroupSeparator = numbers.PercentGroupSeparator = numbers.CurrencyGroupSeparator = ",";
        numbers.PercentPositivePattern = 1; // 25%
        numbers.PercentNegativePattern = 1; // -25%
        numbers.CurrencySymbol = "€";
        return CultureInfo.ReadOnly(culture);
    }
}
