using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace IbtDialogue.Protocol;

/// <summary>The JSON settings of the hub protocol; server and clients must use the same.</summary>
public static class ProtocolJson
{
    /// <summary>Options configured as below, for what is not a hub message (the room handed over with a prerendered page).</summary>
    public static JsonSerializerOptions Options { get; } = Create();

    public static void Configure(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false));

        // The messages' metadata made at compile time: the WebAssembly client runs .NET in an interpreter, where
        // building it by reflection cost a participant a good part of a second on every start (issue 14). Types
        // not listed fall back to reflection.
        options.TypeInfoResolverChain.Insert(0, ProtocolJsonContext.Default);
        if (!options.TypeInfoResolverChain.OfType<DefaultJsonTypeInfoResolver>().Any())
        {
            options.TypeInfoResolverChain.Add(new DefaultJsonTypeInfoResolver());
        }
    }

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions();
        Configure(options);
        options.MakeReadOnly();
        return options;
    }
}

/// <summary>Compiled JSON metadata of every message of the hub (names and enum spelling come from <see cref="ProtocolJson"/>).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, GenerationMode = JsonSourceGenerationMode.Metadata)]
[JsonSerializable(typeof(int))]
[JsonSerializable(typeof(CommandResult))]
[JsonSerializable(typeof(SnapshotResult))]
[JsonSerializable(typeof(HubToken))]
[JsonSerializable(typeof(VotingProgress))]
[JsonSerializable(typeof(PresenceUpdated))]
[JsonSerializable(typeof(RoomUpdated))]
[JsonSerializable(typeof(RoomVersion))]
[JsonSerializable(typeof(DialogueCommand))]
[JsonSerializable(typeof(PostContribution))]
[JsonSerializable(typeof(SaveGoodPractice))]
[JsonSerializable(typeof(EditContribution))]
[JsonSerializable(typeof(ContributionCommand))]
[JsonSerializable(typeof(ModerateContribution))]
[JsonSerializable(typeof(MergeContributions))]
[JsonSerializable(typeof(SetSpotlight))]
[JsonSerializable(typeof(SetStage))]
[JsonSerializable(typeof(SetInputLocked))]
[JsonSerializable(typeof(ControlTimer))]
[JsonSerializable(typeof(SaveTheme))]
[JsonSerializable(typeof(MoveTheme))]
[JsonSerializable(typeof(ThemeCommand))]
[JsonSerializable(typeof(UpdateSettings))]
[JsonSerializable(typeof(SaveAgreement))]
[JsonSerializable(typeof(AgreementCommand))]
[JsonSerializable(typeof(SaveRisk))]
[JsonSerializable(typeof(DecideRisk))]
[JsonSerializable(typeof(RiskCommand))]
[JsonSerializable(typeof(ConfigureVoting))]
[JsonSerializable(typeof(OpenVoting))]
[JsonSerializable(typeof(VotingCommand))]
[JsonSerializable(typeof(CastDots))]
[JsonSerializable(typeof(RateRisk))]
[JsonSerializable(typeof(AddCatalogueRisk))]
[JsonSerializable(typeof(ShowNational))]
[JsonSerializable(typeof(NationalPanelRequest))]
[JsonSerializable(typeof(NationalPanelResult))]
internal sealed partial class ProtocolJsonContext : JsonSerializerContext;
