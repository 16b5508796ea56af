using IbtDialogue.Persistence;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IbtDialogue.Persistence.Migrations
{
    /// <summary>
    /// The data of the national picture's new columns for existing rows, and the library's full-text index. Kept apart
    /// from the schema migration before it, whose foreign key on Risks makes SQLite rebuild that table at its end.
    /// </summary>
    [DbContext(typeof(DialogueDb))]
    [Migration("20261129092400_NationalPictureData")]
    public partial class NationalPictureData : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Existing rows: the year of the dialogue's date; municipalities as such; the built-in templates' domains.
            migrationBuilder.Sql("UPDATE Dialogues SET Year = CAST(substr(Date, 1, 4) AS INTEGER);");
            migrationBuilder.Sql("UPDATE Participants SET OrganisationType = CASE WHEN IsMunicipality THEN 'Municipality' ELSE 'Other' END;");
            migrationBuilder.Sql("UPDATE Templates SET Domain = 'ChildcareSupervision' WHERE BuiltInKey = 'kinderopvang';");
            migrationBuilder.Sql("UPDATE Templates SET Domain = 'LeaConsultation' WHERE BuiltInKey = 'lea';");

            // The good-practice library's full-text index: its rowid is the contribution's id; accents are
            // folded, so "geinspecteerd" finds "geïnspecteerd".
            migrationBuilder.Sql("CREATE VIRTUAL TABLE PracticeSearch USING fts5(Title, What, Why, Organisation, tokenize = 'unicode61 remove_diacritics 2');");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TABLE PracticeSearch;");
        }
    }
}
