using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IbtDialogue.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class FourEyesPublication : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "CorrectedAt",
                table: "PublishedSummaries",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "MinutesNumber",
                table: "PublishedSummaries",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "FinalAt",
                table: "MinutesVersions",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "PublicationProposals",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    DialogueId = table.Column<int>(type: "INTEGER", nullable: false),
                    Markdown = table.Column<string>(type: "TEXT", nullable: false),
                    Hash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    ProposedByUserId = table.Column<string>(type: "TEXT", nullable: false),
                    ProposedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    MinutesNumber = table.Column<int>(type: "INTEGER", nullable: true),
                    State = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    DecidedByUserId = table.Column<string>(type: "TEXT", nullable: true),
                    DecidedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PublicationProposals", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PublicationProposals_Dialogues_DialogueId",
                        column: x => x.DialogueId,
                        principalTable: "Dialogues",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_PublicationProposals_DialogueId_State",
                table: "PublicationProposals",
                columns: new[] { "DialogueId", "State" });

            migrationBuilder.CreateIndex(
                name: "IX_PublicationProposals_OnePending",
                table: "PublicationProposals",
                column: "DialogueId",
                unique: true,
                filter: "\"State\" = 'Pending'");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "PublicationProposals");

            migrationBuilder.DropColumn(
                name: "CorrectedAt",
                table: "PublishedSummaries");

            migrationBuilder.DropColumn(
                name: "MinutesNumber",
                table: "PublishedSummaries");

            migrationBuilder.DropColumn(
                name: "FinalAt",
                table: "MinutesVersions");
        }
    }
}
