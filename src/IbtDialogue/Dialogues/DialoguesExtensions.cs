using IbtDialogue.Accounts;
using IbtDialogue.Resources;
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
        builder.Services.AddSingleton<DialogueDetailsService>();
        builder.Services.AddSingleton<InvitationService>();
        builder.Services.AddSingleton<Series.SeriesService>();
        return builder;
    }

    public static IEndpointRouteBuilder MapDialogues(this IEndpointRouteBuilder endpoints)
    {
        // The calendar invitation of a dialogue, for the facilitator to send round or import.
        endpoints.MapGet("/dialogen/{id:int}/agenda.ics", async (int id, HttpContext http, DialogueDetailsService details, Security.PublicAddress address, TimeProvider clock) =>
        {
            if (await details.FindAsync(id, http.User.FacilitatorId(), http.RequestAborted) is not { } dialogue)
            {
                return Results.NotFound();
            }

            var code = JoinCodes.Display(dialogue.JoinCode);
            var link = address.Link(http.Request, $"deelnemen/{code}");
            var description = string.Format(ServerTexts.Culture, ServerTexts.CalendarDescription, link, code);
            var ics = DialogueDetailsService.Calendar(dialogue, link, description, link.Host, clock.GetUtcNow().UtcDateTime);
            return Results.File(System.Text.Encoding.UTF8.GetBytes(ics), "text/calendar; charset=utf-8", $"{Minutes.FileNames.Slug(dialogue.Details.Title!)}.ics");
        }).RequireAuthorization(AuthPolicies.Facilitator);
        return endpoints;
    }
}
