using IbtDialogue.Dialogues;

namespace IbtDialogue.NationalPicture;

/// <summary>A figure the Inspectie keeps per municipality and year, e.g. "share of the required inspections carried out".</summary>
public sealed class Indicator
{
    public int Id { get; set; }

    /// <summary>A short stable name for files and addresses, e.g. "inspecties-uitgevoerd".</summary>
    public required string Key { get; set; }

    public required string Name { get; set; }

    /// <summary>What the numbers are, e.g. "%" or "aantal".</summary>
    public string? Unit { get; set; }

    public Domain Domain { get; set; }

    public string? ThemeKey { get; set; }

    public string? Description { get; set; }
}

/// <summary>One municipality's value of an indicator in one year.</summary>
public sealed class IndicatorValue
{
    public int Id { get; set; }

    public int IndicatorId { get; set; }

    /// <summary>The municipality's CBS code, e.g. GM0193.</summary>
    public required string MunicipalityCode { get; set; }

    public int Year { get; set; }

    public double Value { get; set; }
}
