using System.Globalization;
using System.Text;
using CsvHelper;
using IbtDialogue.Participants;
using IbtDialogue.Resources;

namespace IbtDialogue.NationalPicture;

/// <summary>What can be wrong with an import; the file-level ones carry no line number.</summary>
public enum ImportProblem
{
    UnknownIndicator,
    YearOutOfRange,
    FileEmpty,
    FileTooLarge,
    NotCsv,
    WrongSeparator,
    HeaderMissing,
    UnknownColumn,
    DuplicateColumn,
    NoRows,
    TooManyRows,
    UnknownMunicipality,
    BadNumber,
    DuplicateMunicipality,
    WrongYear,
    TooManyFields,
}

/// <param name="Line">The line of the file (the header is line 1), or null for a problem of the file as a whole.</param>
/// <param name="Message">The explanation in Dutch, without the line number.</param>
public sealed record ImportError(int? Line, ImportProblem Problem, string Message)
{
    public override string ToString() => Line is { } line ? string.Format(ServerTexts.Culture, ServerTexts.IndicatorImportLine, line, Message) : Message;
}

/// <summary>One municipality's value from a checked file.</summary>
public sealed record IndicatorRow(int Line, string MunicipalityCode, double Value);

/// <summary>
/// Reads the figures of one indicator and year from a CSV file as Dutch Excel writes it: a header
/// <c>gemeente;waarde</c> (optionally <c>jaar</c>), semicolons, decimal commas. Everything is checked before
/// anything is answered, so a caller stores either every row or none.
/// </summary>
public static class IndicatorCsv
{
    public const long MaxBytes = 1024 * 1024;
    public const int MaxRows = 2000;
    public const string MunicipalityColumn = "gemeente";
    public const string ValueColumn = "waarde";
    public const string YearColumn = "jaar";

    private static readonly CultureInfo Dutch = CultureInfo.GetCultureInfo("nl-NL");
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
    private static readonly string[] Columns = [MunicipalityColumn, ValueColumn, YearColumn];

    private static readonly CsvReaderOptions Options = new()
    {
        Separator = ';',
        HasHeader = true,
        TrimWhitespace = true,
        SkipEmptyLines = true,
        TrackLineNumbers = true,

        // A stray quote then spoils one line, not the rest of the file, and line numbers stay the lines people see.
        AllowLineBreaksInQuotes = false,
        FormatProvider = Dutch,
    };

    /// <summary>The rows of the file, or every problem found in it (and then no rows).</summary>
    public static async Task<(IReadOnlyList<IndicatorRow> Rows, IReadOnlyList<ImportError> Errors)> ReadAsync(Stream csv, int year, CancellationToken cancellationToken)
    {
        var bytes = await ReadLimitedAsync(csv, cancellationToken);
        if (bytes is null)
        {
            return Fail(null, ImportProblem.FileTooLarge, string.Format(ServerTexts.Culture, ServerTexts.IndicatorImportTooLarge, MaxBytes / 1024 / 1024));
        }

        var text = Decode(bytes);
        if (text.AsSpan().Trim().IsEmpty)
        {
            return Fail(null, ImportProblem.FileEmpty, ServerTexts.IndicatorImportEmpty);
        }

        if (text.Contains('\0', StringComparison.Ordinal))
        {
            return Fail(null, ImportProblem.NotCsv, ServerTexts.IndicatorImportNotCsv);
        }

        try
        {
            return Read(text, year);
        }
        catch (CsvFormatException)
        {
            // Only a record too large to buffer throws with these options; such a file is no CSV of ours.
            return Fail(null, ImportProblem.NotCsv, ServerTexts.IndicatorImportNotCsv);
        }
    }

    private static (IReadOnlyList<IndicatorRow>, IReadOnlyList<ImportError>) Read(string text, int year)
    {
        using var reader = CsvReader.FromText(text, Options);
        var headerLine = FirstLineWithText(text);
        var headers = reader.Headers.Select(h => h.Trim().ToLowerInvariant()).ToList();
        var headerErrors = CheckHeader(headers, headerLine, reader.Headers);
        if (headerErrors.Count > 0)
        {
            return ([], headerErrors);
        }

        var municipality = headers.IndexOf(MunicipalityColumn);
        var value = headers.IndexOf(ValueColumn);
        var yearColumn = headers.IndexOf(YearColumn);
        var rows = new List<IndicatorRow>();
        var errors = new List<ImportError>();
        var firstLineOf = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var count = 0;
        while (reader.Read())
        {
            var line = (int)reader.LineNumber;
            var fields = Enumerable.Range(0, reader.FieldCount).Select(i => reader.GetString(i)?.Trim() ?? "").ToList();
            if (fields.All(f => f.Length == 0))
            {
                continue; // Excel writes ";" for a row that only looks empty.
            }

            if (++count > MaxRows)
            {
                return Fail(null, ImportProblem.TooManyRows, string.Format(ServerTexts.Culture, ServerTexts.IndicatorImportTooManyRows, MaxRows));
            }

            string Field(int index) => index < fields.Count ? fields[index] : "";
            var before = errors.Count;

            var name = Field(municipality);
            var found = Regions.Find(name);
            if (found is null)
            {
                errors.Add(new(line, ImportProblem.UnknownMunicipality, name.Length == 0
                    ? ServerTexts.IndicatorImportMunicipalityMissing
                    : string.Format(ServerTexts.Culture, ServerTexts.IndicatorImportMunicipalityUnknown, Shorten(name))));
            }
            else if (firstLineOf.TryGetValue(found.Code, out var first))
            {
                errors.Add(new(line, ImportProblem.DuplicateMunicipality, string.Format(ServerTexts.Culture, ServerTexts.IndicatorImportDuplicate, found.Name, first)));
            }
            else
            {
                firstLineOf[found.Code] = line;
            }

            var raw = Field(value);
            if (!TryParseValue(raw, out var number))
            {
                errors.Add(new(line, ImportProblem.BadNumber, raw.Length == 0
                    ? ServerTexts.IndicatorImportValueMissing
                    : string.Format(ServerTexts.Culture, ServerTexts.IndicatorImportValueBad, Shorten(raw))));
            }

            if (yearColumn >= 0)
            {
                var given = Field(yearColumn);
                if (!int.TryParse(given, NumberStyles.None, CultureInfo.InvariantCulture, out var rowYear) || rowYear != year)
                {
                    errors.Add(new(line, ImportProblem.WrongYear, given.Length == 0
                        ? string.Format(ServerTexts.Culture, ServerTexts.IndicatorImportYearMissing, year)
                        : string.Format(ServerTexts.Culture, ServerTexts.IndicatorImportYearWrong, Shorten(given), year)));
                }
            }

            if (fields.Skip(headers.Count).Any(f => f.Length > 0))
            {
                errors.Add(new(line, ImportProblem.TooManyFields, string.Format(ServerTexts.Culture, ServerTexts.IndicatorImportTooManyFields, headers.Count)));
            }

            if (errors.Count == before)
            {
                rows.Add(new IndicatorRow(line, found!.Code, number));
            }
        }

        if (errors.Count > 0)
        {
            return ([], errors);
        }

        return count == 0 ? Fail(null, ImportProblem.NoRows, ServerTexts.IndicatorImportNoRows) : (rows, []);
    }

    private static List<ImportError> CheckHeader(List<string> headers, int line, IReadOnlyList<string> asWritten)
    {
        var errors = new List<ImportError>();
        if (headers.Count == 1 && (headers[0].Contains(',', StringComparison.Ordinal) || headers[0].Contains('\t', StringComparison.Ordinal)))
        {
            errors.Add(new(line, ImportProblem.WrongSeparator, ServerTexts.IndicatorImportWrongSeparator));
            return errors;
        }

        var missing = new[] { MunicipalityColumn, ValueColumn }.Where(c => !headers.Contains(c)).ToList();
        if (missing.Count > 0 && headers.Count > 0 && Regions.Find(headers[0]) is not null)
        {
            // The first line is a municipality's figures: the header was left out.
            errors.Add(new(line, ImportProblem.HeaderMissing, ServerTexts.IndicatorImportHeaderLeftOut));
            return errors;
        }

        errors.AddRange(missing.Select(c => new ImportError(line, ImportProblem.HeaderMissing, string.Format(ServerTexts.Culture, ServerTexts.IndicatorImportHeaderMissing, c))));
        for (var i = 0; i < headers.Count; i++)
        {
            if (headers[i].Length == 0 && i == headers.Count - 1 && i > 0)
            {
                continue; // A separator at the end of the header line.
            }

            if (!Columns.Contains(headers[i]))
            {
                errors.Add(new(line, ImportProblem.UnknownColumn, string.Format(ServerTexts.Culture, ServerTexts.IndicatorImportColumnUnknown, Shorten(asWritten[i].Trim()))));
            }
            else if (headers.IndexOf(headers[i]) < i)
            {
                errors.Add(new(line, ImportProblem.DuplicateColumn, string.Format(ServerTexts.Culture, ServerTexts.IndicatorImportColumnDuplicate, headers[i])));
            }
        }

        return errors;
    }

    /// <summary>
    /// A number with a decimal comma (as Dutch Excel writes it) or a decimal point, never both: "1.234,5" is
    /// refused rather than guessed. Not-a-number and infinity are no figures.
    /// </summary>
    public static bool TryParseValue(string text, out double value)
    {
        value = 0;
        if (text.Length == 0 || (text.Contains(',', StringComparison.Ordinal) && text.Contains('.', StringComparison.Ordinal)))
        {
            return false;
        }

        return double.TryParse(text.Replace('.', ','), NumberStyles.Float, Dutch, out value) && double.IsFinite(value);
    }

    /// <summary>The whole file, or null as soon as it proves larger than the limit (without reading the rest).</summary>
    private static async Task<byte[]?> ReadLimitedAsync(Stream csv, CancellationToken cancellationToken)
    {
        if (csv.CanSeek && csv.Length - csv.Position > MaxBytes)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await csv.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    /// <summary>
    /// UTF-8 (with or without a byte order mark) or UTF-16 with one; anything else is read as Latin-1, the
    /// code page older Dutch Excel versions save "CSV (gescheiden door lijstscheidingsteken)" in, so that
    /// "Súdwest-Fryslân" comes through either way.
    /// </summary>
    private static string Decode(byte[] bytes)
    {
        if (bytes is [0xFF, 0xFE, ..])
        {
            return Encoding.Unicode.GetString(bytes, 2, bytes.Length - 2);
        }

        if (bytes is [0xFE, 0xFF, ..])
        {
            return Encoding.BigEndianUnicode.GetString(bytes, 2, bytes.Length - 2);
        }

        var start = bytes is [0xEF, 0xBB, 0xBF, ..] ? 3 : 0;
        try
        {
            return StrictUtf8.GetString(bytes, start, bytes.Length - start);
        }
        catch (DecoderFallbackException)
        {
            return Encoding.Latin1.GetString(bytes);
        }
    }

    private static int FirstLineWithText(string text)
    {
        var line = 1;
        foreach (var part in text.Split('\n'))
        {
            if (part.Trim().Length > 0)
            {
                return line;
            }

            line++;
        }

        return 1;
    }

    /// <summary>A value from the file as an error message quotes it: not a whole paragraph of it.</summary>
    private static string Shorten(string text) => text.Length <= 60 ? text : string.Concat(text.AsSpan(0, 57), "…");

    private static (IReadOnlyList<IndicatorRow>, IReadOnlyList<ImportError>) Fail(int? line, ImportProblem problem, string message) => ([], [new ImportError(line, problem, message)]);
}
