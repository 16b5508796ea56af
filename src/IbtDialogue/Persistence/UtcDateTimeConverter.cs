using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace IbtDialogue.Persistence;

/// <summary>Writes a DateTime as UTC whatever its kind (as SQLite does, which ignores the kind) and reads it back as Unspecified, as SQLite does.</summary>
public sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
    value => DateTime.SpecifyKind(value, DateTimeKind.Utc),
    value => DateTime.SpecifyKind(value, DateTimeKind.Unspecified));
