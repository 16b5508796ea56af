using IbtDialogue.Persistence;
using IbtDialogue.Protocol;
using Microsoft.EntityFrameworkCore;

namespace IbtDialogue.Agreements;

internal static class AgreementViews
{
    public static async Task<IReadOnlyList<AgreementView>> ViewsAsync(DialogueDb db, IQueryable<Agreement> which, CancellationToken cancellationToken) =>
        await which.AsNoTracking().OrderBy(a => a.Id)
            .Select(a => new AgreementView(a.Id, a.ThemeId, a.What, a.Who, a.Due)).ToListAsync(cancellationToken);
}
