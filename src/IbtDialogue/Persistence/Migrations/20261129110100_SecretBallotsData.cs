using IbtDialogue.Persistence;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IbtDialogue.Persistence.Migrations
{
    /// <summary>
    /// The data of the columns the migration before this one added, for the rows that were there: every voter's
    /// votes of a theme get one random ballot number and the municipality they spoke for; every contribution the
    /// anonymity its dialogue has now (the best that is known); a withdrawn contribution loses its text and its
    /// earlier versions. The votes are sealed (unlinked) by the retention job at the first start.
    /// </summary>
    [DbContext(typeof(DialogueDb))]
    [Migration("20261129110100_SecretBallotsData")]
    public partial class SecretBallotsData : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE TEMP TABLE NewBallots AS
                    SELECT ThemeId, ParticipantId, abs(random() % 2147483646) + 1 AS Ballot FROM Votes GROUP BY ThemeId, ParticipantId;
                UPDATE Votes SET Ballot = (SELECT b.Ballot FROM NewBallots b WHERE b.ThemeId = Votes.ThemeId AND b.ParticipantId = Votes.ParticipantId);
                DROP TABLE NewBallots;
                """);
            migrationBuilder.Sql("UPDATE Votes SET Municipality = (SELECT p.Organisation FROM Participants p WHERE p.Id = Votes.ParticipantId AND p.OrganisationType = 'Municipality');");
            migrationBuilder.Sql("UPDATE Contributions SET Anonymity = (SELECT d.Anonymity FROM Dialogues d WHERE d.Id = Contributions.DialogueId);");
            migrationBuilder.Sql("DELETE FROM ContributionRevisions WHERE ContributionId IN (SELECT Id FROM Contributions WHERE Status = 'Withdrawn');");
            migrationBuilder.Sql("UPDATE Contributions SET Text = '', PracticeTitle = NULL, PracticeWhy = NULL, PracticeOrganisation = NULL, ContactName = NULL, ContactDetails = NULL, ContactConsentAt = NULL WHERE Status = 'Withdrawn';");

            migrationBuilder.CreateIndex(
                name: "IX_Votes_RiskId_Ballot",
                table: "Votes",
                columns: new[] { "RiskId", "Ballot" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Votes_RiskId_Ballot",
                table: "Votes");
        }
    }
}
