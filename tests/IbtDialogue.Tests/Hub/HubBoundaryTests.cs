using System.Reflection;
using System.Runtime.CompilerServices;
using IbtDialogue.Live;
using IbtDialogue.Protocol;
using IbtDialogue.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace IbtDialogue.Tests.Hub;

/// <summary>The hub's front door: which methods only facilitators may call, answered as a refusal with a code.</summary>
public sealed class HubBoundaryTests(AppHost app) : IClassFixture<AppHost>
{
    /// <summary>What a participant may call; every other method of the hub is for facilitators. A new method must be put on one side deliberately.</summary>
    private static readonly string[] ForParticipants =
    [
        nameof(IDialogueHub.Enter), nameof(IDialogueHub.GetSnapshot), nameof(IDialogueHub.PostContribution), nameof(IDialogueHub.EditContribution),
        nameof(IDialogueHub.WithdrawContribution), nameof(IDialogueHub.React), nameof(IDialogueHub.Unreact), nameof(IDialogueHub.SaveGoodPractice),
        nameof(IDialogueHub.SaveRisk), nameof(IDialogueHub.CastDots), nameof(IDialogueHub.RateRisk),
    ];

    private static IEnumerable<MethodInfo> HubMethods => typeof(IDialogueHub).GetMethods();

    private static bool FacilitatorOnly(MethodInfo method) =>
        typeof(DialogueHub).GetMethod(method.Name)!.GetCustomAttribute<FacilitatorOnlyAttribute>() is not null;

    [Fact]
    public void Every_hub_method_is_either_for_participants_or_marked_for_facilitators_only()
    {
        Assert.All(HubMethods, method => Assert.True(
            ForParticipants.Contains(method.Name) != FacilitatorOnly(method),
            $"{method.Name}: for participants? {ForParticipants.Contains(method.Name)}; marked facilitator-only? {FacilitatorOnly(method)}"));
    }

    [Fact]
    public async Task A_participant_calling_any_facilitator_method_is_answered_forbidden()
    {
        var owner = await app.CreateFacilitatorAsync($"{Guid.NewGuid():N}@owinsp.example", "Anna");
        var (dialogue, code) = await app.CreateDialogueAsync(owner);
        var opened = await app.Services.GetRequiredService<IbtDialogue.Room.RoomEngine>().OpenAsync(new DialogueCommand(Guid.NewGuid(), dialogue), new Actor(owner, null, null), TestContext.Current.CancellationToken);
        Assert.True(opened.Result.Ok);
        await using var raw = await RawHub.ConnectAsync(app.HubUrl, await app.HubTokenAsync(await app.JoinAsync(code, "Piet", "Zwolle")));

        var facilitatorMethods = HubMethods.Where(FacilitatorOnly).ToList();
        Assert.NotEmpty(facilitatorMethods);
        foreach (var method in facilitatorMethods)
        {
            var type = method.GetParameters().Single().ParameterType;
            var argument = type == typeof(int) ? 1 : RuntimeHelpers.GetUninitializedObject(type);
            Assert.Equal(ErrorCodes.Forbidden, await raw.ErrorOfAsync(method.Name, argument));
        }
    }
}
