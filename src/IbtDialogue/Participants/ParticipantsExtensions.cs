using Microsoft.Extensions.DependencyInjection.Extensions;

namespace IbtDialogue.Participants;

public static class ParticipantsExtensions
{
    /// <summary>Joining a dialogue with its code, as participant or observer.</summary>
    public static WebApplicationBuilder AddParticipants(this WebApplicationBuilder builder)
    {
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<JoinService>();
        builder.Services.AddSingleton<ContinueLinks>();
        builder.Services.AddSingleton<ReviewLinks>();
        builder.Services.AddSingleton<DialogueReview>();

        // The participant's room is prerendered: on the server its hub client reads the room from the engine.
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddScoped(PrerenderedRoom.Factory);
        return builder;
    }
}
