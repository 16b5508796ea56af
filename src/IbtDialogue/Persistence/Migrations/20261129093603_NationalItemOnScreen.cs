using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IbtDialogue.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class NationalItemOnScreen : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "ShownNationalSource",
                table: "Dialogues",
                type: "TEXT",
                maxLength: 300,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ShownNationalText",
                table: "Dialogues",
                type: "TEXT",
                maxLength: 4000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ShownNationalTitle",
                table: "Dialogues",
                type: "TEXT",
                maxLength: 300,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "ShownNationalSource",
                table: "Dialogues");

            migrationBuilder.DropColumn(
                name: "ShownNationalText",
                table: "Dialogues");

            migrationBuilder.DropColumn(
                name: "ShownNationalTitle",
                table: "Dialogues");
        }
    }
}
