using System.Text;
using IbtDialogue.Dialogues;
using IbtDialogue.NationalPicture;
using IbtDialogue.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IbtDialogue.Tests.NationalPicture;

/// <summary>Importing indicator figures from CSV: every row checked first, then all of them stored or none.</summary>
public sealed class IndicatorImportTests : HarnessTests
{
    private IndicatorService Indicators => h.Services.GetRequiredService<IndicatorService>();

    private static FileStream File(string name) => System.IO.File.OpenRead(Path.Combine(AppContext.BaseDirectory, "NationalPicture", "Csv", name));

    private static MemoryStream Text(string csv, Encoding? encoding = null) => new((encoding ?? new UTF8Encoding(false)).GetBytes(csv));

    private async Task<int> DefineAsync(string key = "inspecties-uitgevoerd")
    {
        var (id, errors) = await Indicators.DefineAsync(new IndicatorDraft(key, "Verplichte inspecties uitgevoerd", "%", Domain.ChildcareSupervision, "ko-risicogestuurd-toezicht", null), Ct);
        Assert.Empty(errors);
        return id!.Value;
    }

    private Task<Dictionary<string, double>> ValuesAsync(int indicator, int year) =>
        h.QueryAsync(db => db.IndicatorValues.Where(v => v.IndicatorId == indicator && v.Year == year).ToDictionaryAsync(v => v.MunicipalityCode, v => v.Value, Ct));

    private Task<int> StoredAsync() => h.QueryAsync(db => db.IndicatorValues.CountAsync(Ct));

    [Fact]
    public async Task A_file_with_every_kind_of_row_error_lists_each_with_its_line_and_stores_nothing()
    {
        var indicator = await DefineAsync();
        await using var csv = File("every-error.csv");

        var result = await Indicators.ImportAsync(indicator, 2025, csv, Ct);

        Assert.False(result.Ok);
        Assert.Equal(0, result.Imported);
        Assert.Equal(
            [
                (3, ImportProblem.UnknownMunicipality),
                (4, ImportProblem.BadNumber),
                (5, ImportProblem.BadNumber),
                (6, ImportProblem.BadNumber),
                (7, ImportProblem.DuplicateMunicipality),
                (8, ImportProblem.WrongYear),
                (9, ImportProblem.BadNumber),
                (10, ImportProblem.UnknownMunicipality),
                (11, ImportProblem.TooManyFields),
                (12, ImportProblem.WrongYear),
                (15, ImportProblem.BadNumber),
                (17, ImportProblem.DuplicateMunicipality),
            ],
            result.Errors.Select(e => (e.Line ?? 0, e.Problem)).ToList());
        Assert.Equal(0, await StoredAsync());

        // The messages name what is wrong, in Dutch, with what the file said.
        string Message(int line) => result.Errors.Single(e => e.Line == line).Message;
        Assert.Contains("‘Zwole’ kennen we niet", Message(3), StringComparison.Ordinal);
        Assert.Contains("‘8O’ is geen getal", Message(4), StringComparison.Ordinal);
        Assert.Contains("Zwolle staat al op regel 2", Message(7), StringComparison.Ordinal);
        Assert.Contains("Het jaar is 2024, maar je importeert cijfers voor 2025", Message(8), StringComparison.Ordinal);
        Assert.Equal("De gemeente ontbreekt.", Message(10));
        Assert.Equal("De waarde ontbreekt.", Message(15));
        Assert.Contains("Amsterdam staat al op regel 8", Message(17), StringComparison.Ordinal);
        Assert.Equal("Regel 3: " + Message(3), result.Errors[0].ToString());
    }

    [Fact]
    public async Task A_right_file_stores_every_row_whatever_the_notation()
    {
        var indicator = await DefineAsync();
        await using var csv = File("good.csv");

        var result = await Indicators.ImportAsync(indicator, 2025, csv, Ct);

        Assert.True(result.Ok, string.Join("\n", result.Errors));
        Assert.Equal(7, result.Imported);
        Assert.Equal(
            new Dictionary<string, double>
            {
                ["GM0193"] = 87.5,   // decimal comma
                ["GM0106"] = 92.25,  // Assen by name, decimal point
                ["GM0796"] = 70,     // quoted name with an apostrophe, space before the value
                ["GM0014"] = 0,      // code with spaces around it
                ["GM1900"] = -3.5,   // Súdwest-Fryslân in UTF-8 with a byte order mark, negative
                ["GM0344"] = 100,    // exponent
                ["GM0599"] = 66.6,   // code in lower case
            },
            await ValuesAsync(indicator, 2025));
    }

    [Fact]
    public async Task A_file_that_Excel_saved_in_Latin_1_reads_the_same()
    {
        var indicator = await DefineAsync();
        await using var csv = Text("gemeente;waarde\r\nSúdwest-Fryslân;12,5\r\n", Encoding.Latin1);

        var result = await Indicators.ImportAsync(indicator, 2024, csv, Ct);

        Assert.True(result.Ok, string.Join("\n", result.Errors));
        Assert.Equal(new Dictionary<string, double> { ["GM1900"] = 12.5 }, await ValuesAsync(indicator, 2024));
    }

    [Fact]
    public async Task Importing_again_replaces_the_values_of_the_municipalities_in_the_file_and_keeps_the_others()
    {
        var indicator = await DefineAsync();
        await using (var first = File("good.csv"))
        {
            Assert.True((await Indicators.ImportAsync(indicator, 2025, first, Ct)).Ok);
        }

        await using (var other = Text("gemeente;waarde\nGM0193;1\n"))
        {
            Assert.True((await Indicators.ImportAsync(indicator, 2024, other, Ct)).Ok);
        }

        await using var again = File("reimport.csv");
        var result = await Indicators.ImportAsync(indicator, 2025, again, Ct);

        Assert.True(result.Ok, string.Join("\n", result.Errors));
        Assert.Equal(2, result.Imported);
        var values = await ValuesAsync(indicator, 2025);
        Assert.Equal(8, values.Count);
        Assert.Equal(50, values["GM0193"]); // replaced
        Assert.Equal(40, values["GM0855"]); // new: Tilburg
        Assert.Equal(92.25, values["GM0106"]); // not in the file: kept
        Assert.Equal(new Dictionary<string, double> { ["GM0193"] = 1 }, await ValuesAsync(indicator, 2024)); // another year: untouched
    }

    [Fact]
    public async Task A_failed_import_leaves_the_earlier_figures_as_they_were()
    {
        var indicator = await DefineAsync();
        await using (var first = File("good.csv"))
        {
            Assert.True((await Indicators.ImportAsync(indicator, 2025, first, Ct)).Ok);
        }

        var before = await ValuesAsync(indicator, 2025);
        await using var bad = Text("gemeente;waarde\nGM0193;10\nTilburg;veel\n");

        var result = await Indicators.ImportAsync(indicator, 2025, bad, Ct);

        Assert.Equal([(3, ImportProblem.BadNumber)], result.Errors.Select(e => (e.Line ?? 0, e.Problem)));
        Assert.Equal(before, await ValuesAsync(indicator, 2025));
    }

    [Theory]
    [InlineData("GM0193", "Zwolle")]
    [InlineData("Zwolle", "gm0193")]
    [InlineData("GM1900", "Súdwest-Fryslân")]
    public async Task A_name_and_a_code_of_one_municipality_are_a_duplicate(string first, string second)
    {
        var indicator = await DefineAsync();
        await using var csv = Text($"gemeente;waarde\n{first};1\n{second};2\n");

        var result = await Indicators.ImportAsync(indicator, 2025, csv, Ct);

        var error = Assert.Single(result.Errors);
        Assert.Equal((3, ImportProblem.DuplicateMunicipality), (error.Line ?? 0, error.Problem));
        Assert.Contains("staat al op regel 2", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, await StoredAsync());
    }

    [Fact]
    public async Task Header_errors_are_reported_on_the_header_line_and_no_row_is_read()
    {
        var indicator = await DefineAsync();
        await using var csv = File("header-errors.csv");

        var result = await Indicators.ImportAsync(indicator, 2025, csv, Ct);

        Assert.Equal(
            [(1, ImportProblem.HeaderMissing), (1, ImportProblem.UnknownColumn), (1, ImportProblem.DuplicateColumn)],
            result.Errors.Select(e => (e.Line ?? 0, e.Problem)));
        Assert.Contains("‘waarde’ ontbreekt", result.Errors[0].Message, StringComparison.Ordinal);
        Assert.Contains("‘aantal’", result.Errors[1].Message, StringComparison.Ordinal);
        Assert.Equal(0, await StoredAsync());
    }

    [Theory]
    [InlineData("", ImportProblem.FileEmpty, null)]
    [InlineData(" \r\n\r\n", ImportProblem.FileEmpty, null)]
    [InlineData("gemeente;waarde\n", ImportProblem.NoRows, null)]
    [InlineData("gemeente;waarde\n;\n", ImportProblem.NoRows, null)]
    [InlineData("gemeente,waarde\nGM0193,87.5\n", ImportProblem.WrongSeparator, 1)]
    [InlineData("gemeente\twaarde\nGM0193\t87,5\n", ImportProblem.WrongSeparator, 1)]
    [InlineData("GM0193;87,5\nGM0106;12\n", ImportProblem.HeaderMissing, 1)]
    [InlineData("\n\nwaarde\n12\n", ImportProblem.HeaderMissing, 3)]
    public async Task A_file_without_usable_rows_is_refused_as_a_whole(string csv, ImportProblem problem, int? line)
    {
        var indicator = await DefineAsync();
        await using var stream = Text(csv);

        var result = await Indicators.ImportAsync(indicator, 2025, stream, Ct);

        var error = Assert.Single(result.Errors);
        Assert.Equal((line, problem), (error.Line, error.Problem));
        Assert.Equal(0, await StoredAsync());
    }

    [Fact]
    public async Task A_spreadsheet_instead_of_a_CSV_file_is_not_CSV()
    {
        var indicator = await DefineAsync();
        byte[] xlsx = [0x50, 0x4B, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00, 0x08, 0x00, 0x00, 0x00, 0x21, 0x00];
        await using var stream = new MemoryStream(xlsx);

        var result = await Indicators.ImportAsync(indicator, 2025, stream, Ct);

        Assert.Equal(ImportProblem.NotCsv, Assert.Single(result.Errors).Problem);
    }

    [Fact]
    public async Task More_than_2000_rows_are_too_many()
    {
        var indicator = await DefineAsync();
        var csv = new StringBuilder("gemeente;waarde\n");
        for (var i = 0; i < IndicatorCsv.MaxRows + 1; i++)
        {
            csv.Append("GM0193;").Append(i).Append('\n');
        }

        await using var stream = Text(csv.ToString());
        var result = await Indicators.ImportAsync(indicator, 2025, stream, Ct);

        Assert.Equal(ImportProblem.TooManyRows, Assert.Single(result.Errors).Problem);
        Assert.Equal(0, await StoredAsync());
    }

    [Fact]
    public async Task A_file_over_1_MB_is_refused_before_it_is_read_to_the_end()
    {
        var indicator = await DefineAsync();
        await using var stream = new CountingStream(new MemoryStream(new byte[50 * 1024 * 1024]));

        var result = await Indicators.ImportAsync(indicator, 2025, stream, Ct);

        Assert.Equal((null, ImportProblem.FileTooLarge), (Assert.Single(result.Errors).Line, result.Errors[0].Problem));
        Assert.True(stream.BytesRead <= IndicatorCsv.MaxBytes + (128 * 1024), $"read {stream.BytesRead} bytes");
    }

    [Theory]
    [InlineData(1999)]
    [InlineData(2101)]
    public async Task A_year_outside_2000_to_2100_is_refused(int year)
    {
        var indicator = await DefineAsync();
        await using var stream = Text("gemeente;waarde\nGM0193;1\n");

        var result = await Indicators.ImportAsync(indicator, year, stream, Ct);

        Assert.Equal(ImportProblem.YearOutOfRange, Assert.Single(result.Errors).Problem);
        Assert.Equal(0, await StoredAsync());
    }

    [Fact]
    public async Task An_indicator_that_does_not_exist_gets_no_figures()
    {
        await using var stream = Text("gemeente;waarde\nGM0193;1\n");

        var result = await Indicators.ImportAsync(4242, 2025, stream, Ct);

        Assert.Equal(ImportProblem.UnknownIndicator, Assert.Single(result.Errors).Problem);
        Assert.Equal(0, await StoredAsync());
    }

    [Theory]
    [InlineData("87,5", 87.5)]
    [InlineData("87.5", 87.5)]
    [InlineData("-0,25", -0.25)]
    [InlineData("1,5E-3", 0.0015)]
    [InlineData("1234", 1234)]
    public void Numbers_take_a_decimal_comma_or_point(string text, double expected)
    {
        Assert.True(IndicatorCsv.TryParseValue(text, out var value));
        Assert.Equal(expected, value, 10);
    }

    [Theory]
    [InlineData("")]
    [InlineData("1.234,5")]
    [InlineData("1,234,5")]
    [InlineData("NaN")]
    [InlineData("∞")]
    [InlineData("-∞")]
    [InlineData("Infinity")]
    [InlineData("1e400")]
    [InlineData("87%")]
    [InlineData("twaalf")]
    public void Not_a_usable_number(string text) => Assert.False(IndicatorCsv.TryParseValue(text, out _));

    [Fact]
    public async Task Defining_checks_the_key_name_unit_and_theme()
    {
        var (_, bad) = await Indicators.DefineAsync(new IndicatorDraft("Inspecties Uitgevoerd", " ", new string('%', 21), Domain.LeaConsultation, "ko-lrk", new string('x', 2001)), Ct);
        Assert.Equal(
            [IndicatorError.KeyInvalid, IndicatorError.NameEmpty, IndicatorError.UnitTooLong, IndicatorError.UnknownTheme, IndicatorError.DescriptionTooLong],
            bad);

        await DefineAsync("lrk-op-orde");
        var (id, taken) = await Indicators.DefineAsync(new IndicatorDraft("lrk-op-orde", "Nog een", null, Domain.Other, null, null), Ct);
        Assert.Null(id);
        Assert.Equal([IndicatorError.KeyTaken], taken);
        Assert.Equal(1, await h.QueryAsync(db => db.Indicators.CountAsync(Ct)));

        Assert.Equal([IndicatorError.KeyInvalid], IndicatorService.Validate(IndicatorService.Clean(new IndicatorDraft("-a", "x", null, Domain.Other, null, null))));
        Assert.Empty(IndicatorService.Validate(IndicatorService.Clean(new IndicatorDraft("vve-bereik-2", "x", null, Domain.LeaConsultation, "lea-onderwijsachterstanden", null))));
    }

    /// <summary>A stream that counts what is read from it, to show a large file is not read to its end.</summary>
    private sealed class CountingStream(Stream inner) : Stream
    {
        public long BytesRead { get; private set; }

        public override bool CanRead => true;

        public override bool CanSeek => false; // As a request body: the length is not known up front.

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var read = inner.Read(buffer, offset, count);
            BytesRead += read;
            return read;
        }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            var read = await inner.ReadAsync(buffer, cancellationToken);
            BytesRead += read;
            return read;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
