using IbtDialogue.Persistence;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IbtDialogue.Persistence.Migrations
{
    /// <summary>
    /// Summaries published before four eyes: the minutes version each came from is taken to be the newest one saved
    /// when it was (last) published, and is marked final from that moment. Kept apart from the schema migration
    /// before it, as the project does for data.
    /// </summary>
    [DbContext(typeof(DialogueDb))]
    [Migration("20261129114800_FourEyesPublicationData")]
    public partial class FourEyesPublicationData : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                UPDATE PublishedSummaries SET MinutesNumber = (
                    SELECT m.Number FROM MinutesVersions m
                    WHERE m.DialogueId = PublishedSummaries.DialogueId
                      AND m.CreatedAt <= CASE WHEN PublishedSummaries.IsPublished THEN PublishedSummaries.UpdatedAt ELSE PublishedSummaries.FirstPublishedAt END
                    ORDER BY m.Number DESC LIMIT 1)
                WHERE FirstPublishedAt IS NOT NULL;
                """);
            migrationBuilder.Sql("""
                UPDATE MinutesVersions SET FinalAt = (
                    SELECT CASE WHEN p.IsPublished THEN p.UpdatedAt ELSE p.FirstPublishedAt END FROM PublishedSummaries p
                    WHERE p.DialogueId = MinutesVersions.DialogueId AND p.MinutesNumber = MinutesVersions.Number)
                WHERE EXISTS (SELECT 1 FROM PublishedSummaries p WHERE p.DialogueId = MinutesVersions.DialogueId AND p.MinutesNumber = MinutesVersions.Number);
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // The columns go with the schema migration's Down.
        }
    }
}
