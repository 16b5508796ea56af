using Microsoft.Extensions.DependencyInjection.Extensions;

namespace IbtDialogue.Dialogues;

public static class DialoguesExtensions
{
    /// <summary>Preparing dialogues: creating them, their agenda from templates, co-facilitators.</summary>
    public static WebApplicationBuilder AddDialogues(this WebApplicationBuilder builder)
    {
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<DialogueService>();
        builder.Services.AddSingleton<TemplateService>();
        return builder;
    }
}
