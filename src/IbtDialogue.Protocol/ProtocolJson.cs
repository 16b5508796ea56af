using System.Text.Json;
using System.Text.Json.Serialization;

namespace IbtDialogue.Protocol;

/// <summary>The JSON settings of the hub protocol; server and clients must use the same.</summary>
public static class ProtocolJson
{
    public static void Configure(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false));
    }
}
