using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IbtDialogue.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class MinutesVersionsAndPublication : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "RestoredFrom",
                table: "MinutesVersions",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Source",
                table: "MinutesVersions",
                type: "TEXT",
                maxLength: 16,
                nullable: false,
                defaultValue: "Composed"); // Existing versions were all written by the composer at closing.

            migrationBuilder.CreateTable(
                name: "PublishedSummaries",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    DialogueId = table.Column<int>(type: "INTEGER", nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Markdown = table.Column<string>(type: "TEXT", nullable: false),
                    Themes = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: false),
                    IsPublished = table.Column<bool>(type: "INTEGER", nullable: false),
                    FirstPublishedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedByUserId = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PublishedSummaries", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PublishedSummaries_Dialogues_DialogueId",
                        column: x => x.DialogueId,
                        principalTable: "Dialogues",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_PublishedSummaries_DialogueId",
                table: "PublishedSummaries",
                column: "DialogueId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PublishedSummaries_IsPublished_Date",
                table: "PublishedSummaries",
                columns: new[] { "IsPublished", "Date" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "PublishedSummaries");

            migrationBuilder.DropColumn(
                name: "RestoredFrom",
                table: "MinutesVersions");

            migrationBuilder.DropColumn(
                name: "Source",
                table: "MinutesVersions");
        }
    }
}
